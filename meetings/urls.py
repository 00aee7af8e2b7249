from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("ic/<int:project_pk>/", views.meeting_list, name="list"),
    path("ic/<int:project_pk>/nouvelle/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/modifier/", views.meeting_edit, name="edit"),
    path("<int:pk>/annuler/", views.meeting_cancel, name="cancel"),
    path("<int:pk>/inviter/", views.meeting_invite, name="invite"),
    path("<int:pk>/reponse/", views.meeting_answer, name="answer"),
    path("<int:pk>/seance.ics", views.meeting_ics, name="ics"),
    path("<int:pk>/presences/", views.attendance, name="attendance"),
    path("<int:pk>/emargement/", views.sheet, name="sheet"),
    path("<int:pk>/emargement.pdf", views.sheet_pdf, name="sheet_pdf"),
    path("<int:pk>/emargement/signee/", views.sheet_upload, name="sheet_upload"),
]
