"""Site-wide views: health checks, the favicon and the error handler that tells a database
outage apart."""

import logging
import sys

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import FileResponse, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)


@login_not_required
@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links: the app's icon, from its
    static source (an answer, not a redirect: this URL is public, like the health checks)."""
    return FileResponse(open(finders.find("favicon.svg"), "rb"), content_type="image/svg+xml")


@login_not_required
@require_safe
@never_cache
def health(request):
    """"ok" once the database has answered a trivial query (503 when it cannot), then the
    worker's heartbeat: the web answers even when the worker is down, and says so."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("health check: the database does not answer", exc_info=True)
        return HttpResponse("indisponible", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse(f"ok\n{worker_report()}", content_type="text/plain; charset=utf-8")


def worker_report() -> str:
    """The background worker's last sign of life (monographs.worker): one query."""
    from monographs import worker

    quiet = worker.silence()
    if quiet is None:
        return "worker : aucun signe de vie"
    return f"worker : dernier signe de vie il y a {int(quiet)} s"


@login_not_required
@require_safe
def health_bare(request):
    """"ok" without touching the database: the framework's own ceiling, for benchmarks."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def database_unavailable_response(method="GET"):
    """The French 503 page, rendered without a request so that nothing reads the database.

    After a POST it says what is true: what was sent was not saved."""
    page = loader.render_to_string("503.html", {"posted": method not in {"GET", "HEAD"}})
    response = HttpResponse(page, status=503)
    response["Retry-After"] = "30"
    return response


def server_error(request):
    """handler500: a database outage gets the 503 page, anything else the 500 page.

    Django turns every exception, raised in a view or in any middleware
    (the session and user look-ups included), into a call to this handler while
    the exception is being handled, so ``sys.exc_info()`` still holds it. With
    DEBUG off no traceback ever reaches the client. CONN_HEALTH_CHECKS makes the
    next request open a fresh connection, so the site recovers by itself.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN):
        return database_unavailable_response(request.method)
    return HttpResponseServerError(loader.render_to_string("500.html"))


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a refused form token, told in French with what to do next.

    The usual cause is a sign-in or sign-out in another tab, which renews the token the
    open form was given; ``reason`` is Django's technical wording, logged, never shown."""
    logger.info("Formulaire refusé (%s) : %s", reason, request.path)
    return render(request, "403_csrf.html", status=403)
