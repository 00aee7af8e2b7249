"""The project's middleware: the French 503 page on a database outage, sliding sessions,
body size cap, no caching of what a signed-in user sees.

Exceptions raised by the view reach ``process_exception``; those raised by a
middleware (a session or user look-up) are turned into a response by Django
itself and reach ``dla_ic.views.server_error`` (handler500), which gives the
same page. Either way no traceback and no second database query.
"""

import logging
import time

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import patch_cache_control

from .views import DATABASE_DOWN, database_unavailable_response

REFRESHED_AT = "_refreshed_at"

logger = logging.getLogger("django.request")


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            logger.error("Database unavailable: %s", request.path, exc_info=exception)
            return database_unavailable_response(request.method)
        return None


class SlidingSessionMiddleware(SessionMiddleware):
    """Sessions expire after SESSION_COOKIE_AGE of inactivity, not at a fixed time.

    Django's SESSION_SAVE_EVERY_REQUEST would do it with a database write (three
    queries) on every page; here the expiry is pushed back when the last push is
    older than SESSION_REFRESH_INTERVAL, so an idle session still ends on time,
    give or take that interval.
    """

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.is_empty():
            now = int(time.time())
            if now - session.get(REFRESHED_AT, 0) >= settings.SESSION_REFRESH_INTERVAL:
                session[REFRESHED_AT] = now  # modified: saved below with a new expiry
        return super().process_response(request, response)


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on whatever a signed-in user is sent.

    Pages and downloads (offers, procès-verbal, exports) are confidential: no
    shared proxy and no browser cache may keep them once the session ends.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class RequestBodyLimitMiddleware:
    """A body announced larger than MAX_REQUEST_BODY_SIZE is refused (413) before it is read.

    Django reads a multipart body whole (to a temporary file) before any form can
    refuse its file: a 200 MB upload cost its full transfer. The proxy should
    refuse it even earlier (client_max_body_size, see the README).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            announced = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            announced = 0
        if announced > settings.MAX_REQUEST_BODY_SIZE:
            logger.warning("Request body too large (%s bytes): %s", announced, request.path)
            response = HttpResponse(loader.render_to_string(
                "413.html", {"limit_mb": settings.MAX_REQUEST_BODY_SIZE // (1024 * 1024)}
            ), status=413)
            response["Connection"] = "close"  # the unread body must not be taken for a request
            return response
        return self.get_response(request)
