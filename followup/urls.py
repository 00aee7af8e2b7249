from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [
    path("projets/<int:pk>/suivi/", views.project_followup, name="project"),
    path("projets/<int:pk>/suivi/indicateurs.csv", views.project_export, name="export"),
    path("suivi/questionnaires/<int:pk>/", views.answer, name="answer"),
]
