from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.start, name="start"),
    path("modeles/<slug:kind>.xlsx", views.template_download, name="template"),
    path("<int:pk>/", views.preview, name="preview"),
    path("<int:pk>/confirmer/", views.confirm, name="confirm"),
    path("<int:pk>/suivi/", views.progress, name="progress"),
]
