"""The real URL conf plus two views that fail, for the error-page tests."""

from django.db import OperationalError
from django.urls import path

from dla_ic.urls import handler500  # noqa: F401
from dla_ic.urls import urlpatterns as site_patterns


def boom(request):
    raise ValueError("secret detail: /etc/passwd line 42")


def database_down(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')


urlpatterns = [
    path("boum/", boom, name="boom"),
    path("boum/base/", database_down, name="boom_database"),
    *site_patterns,
]
