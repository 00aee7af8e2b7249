from django.urls import path

from . import views

app_name = "library"

urlpatterns = [
    path("", views.library, name="library"),
    path("<int:project_pk>/", views.entry_detail, name="entry_detail"),
    path("<int:project_pk>/a-diffuser/", views.entry_mark, name="entry_mark"),
]
