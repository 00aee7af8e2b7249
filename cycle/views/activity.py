"""« Activité »: the activity feed of every IC the user may see (cycle.selectors.feed)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..selectors import feed


@require_GET
def activity(request):
    context = feed.activity_page(
        request.user, kind=request.GET.get("type", ""), page=request.GET.get("page", 1)
    )
    return render(request, "cycle/activity.html", context)
