"""Sign-in rate limiting: django-axes, for sign-ins that come from an HTTP request."""

from axes.backends import AxesStandaloneBackend


class LoginAttemptsBackend(AxesStandaloneBackend):
    """Refuses sign-ins for a locked-out username or address (axes), first in the list.

    Every sign-in form (ours and the admin's) passes the request. ``authenticate``
    without one only happens in server-side code (a shell, the test client's
    ``login``): there is no client to rate-limit, so it is let through to the
    next backends instead of raising.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
