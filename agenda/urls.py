from django.urls import path

from . import views

app_name = "agenda"

urlpatterns = [
    path("mes-taches/", views.my_tasks, name="my_tasks"),
    path("mes-taches/calendrier/", views.calendar_settings, name="calendar_settings"),
    path("calendrier/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
