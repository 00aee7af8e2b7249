from django.urls import path

from . import views

app_name = "grille"

urlpatterns = [
    path("<int:project_pk>/", views.OverviewView.as_view(), name="overview"),
    path("<int:project_pk>/partie/<int:part>/", views.PartView.as_view(), name="part"),
    path(
        "<int:project_pk>/retour-attendu/", views.ExpectedReturnView.as_view(),
        name="expected_return",
    ),
    path("<int:project_pk>/transition/", views.TransitionView.as_view(), name="transition"),
]
