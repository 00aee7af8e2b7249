from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("registre/", views.RegisterView.as_view(), name="register"),
    path("acces/", views.SubjectExportView.as_view(), name="subject_export"),
    path("ic/<int:pk>/conservation/", views.project_retention, name="project_retention"),
]
