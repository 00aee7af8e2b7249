from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("ic/<int:project_pk>/", views.project_bundles, name="project"),
    path("ic/<int:project_pk>/demander/", views.request_bundle, name="request"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/zip/", views.download, name="download"),
]
