from django.urls import path

from . import views

app_name = "exchange"

urlpatterns = [
    path("projets/<int:pk>/echanges/", views.project_exchange, name="project"),
    path("projets/<int:pk>/echanges/notes/", views.note_create, name="note_create"),
    path("projets/<int:pk>/echanges/<int:thread_pk>/", views.thread, name="thread"),
    path("projets/<int:pk>/echanges/<int:thread_pk>/lu/", views.thread_read, name="thread_read"),
    path("echanges/pieces-jointes/<int:pk>/", views.attachment, name="attachment"),
]
