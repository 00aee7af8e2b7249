"""Django's auth views, with password reset throttled and its link signing in."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("invitation/<str:token>/", views.AcceptInvitationView.as_view(), name="accept_invitation"),
    path("", include("django.contrib.auth.urls")),
]
