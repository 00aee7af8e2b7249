"""« Mes tâches », the calendar feed's page, and the feed itself (its token the credential)."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import feed, selectors, services
from .models import CalendarToken

NEW_TOKEN = "agenda_new_calendar_token"  # noqa: S105 (a session key, not a secret)


@require_GET
def my_tasks(request):
    tasks = selectors.open_tasks(user=request.user)
    return render(
        request,
        "agenda/my_tasks.html",
        {
            "buckets": selectors.bucketed(tasks),
            "count": len(tasks),
            "today": selectors.today(),
            "here": request.get_full_path(),
        },
    )


@require_http_methods(["GET", "POST"])
def calendar_settings(request):
    """Shows whether a feed exists; POST issues a new one or revokes it, then redirects
    (a reload posts nothing again). A new feed's URL is shown once, on the page that
    follows: its token waits in the session until then, and only there."""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.revoke_calendar_token(user=request.user)
        elif request.POST.get("action") == "issue":
            request.session[NEW_TOKEN] = services.issue_calendar_token(user=request.user)
        return redirect("agenda:calendar_settings")
    token = request.session.pop(NEW_TOKEN, None)
    feed_url = (
        request.build_absolute_uri(reverse("agenda:calendar_feed", args=[token])) if token else ""
    )
    return render(
        request,
        "agenda/calendar_settings.html",
        {
            "feed_url": feed_url,
            "has_feed": CalendarToken.objects.filter(user=request.user).exists(),
        },
    )


@login_not_required
@require_GET
def calendar_feed(request, token):
    """The user's open tasks as iCal; 404 for a wrong or revoked token (tells nothing)."""
    found = (
        CalendarToken.objects.select_related("user__organisation")
        .filter(digest=services.digest(token), user__is_active=True)
        .first()
    )
    if found is None:
        raise Http404
    body = feed.calendar(
        selectors.open_tasks(user=found.user),
        base_url=request.build_absolute_uri("/")[:-1],
        uid_domain=request.get_host().split(":")[0],
        name=_("Échéances des IC — %(user)s") % {"user": found.user},
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
