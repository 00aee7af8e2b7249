"""Turns a database outage inside a view into the French 503 page.

Exceptions raised by the view reach ``process_exception``; those raised by a
middleware (a session or user look-up) are turned into a response by Django
itself and reach ``dla_ic.views.server_error`` (handler500), which gives the
same page. Either way no traceback and no second database query.
"""

import logging

from .views import DATABASE_DOWN, database_unavailable_response

logger = logging.getLogger("django.request")


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            logger.error("Database unavailable: %s", request.path, exc_info=exception)
            return database_unavailable_response()
        return None
