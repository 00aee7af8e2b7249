from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import PreferencesForm
from .models import Notification

PAGE_SIZE = 20


def notification_list(request):
    page = Paginator(selectors.inbox(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {
            "page_obj": page,
            "notifications": page.object_list,
            "unread": selectors.unread_count(request.user),
        },
    )


def bell(request):
    """The navigation's count, loaded once the page is there (no query on every page)."""
    return render(
        request,
        "notifications/_bell_count.html",
        {
            "unread": selectors.unread_count(request.user),
        },
    )


@require_POST
def mark_read(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(user=request.user, ids=[notification.pk])
    if request.htmx:
        notification.refresh_from_db()
        response = render(request, "notifications/_row.html", {"notification": notification})
        response["HX-Trigger"] = "notifications-read"  # the bell counts again
        return response
    return redirect("notifications:list")


@require_POST
def mark_all_read(request):
    count = services.mark_all_read(user=request.user)
    messages.success(
        request, _("%(count)s notification(s) marquée(s) comme lue(s).") % {"count": count}
    )
    return redirect("notifications:list")


def preferences(request):
    rows = selectors.preferences_of(request.user)
    form = PreferencesForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        services.set_preferences(user=request.user, channels=form.cleaned_data)
        messages.success(request, _("Vos préférences de notification sont enregistrées."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form, "rows": rows})
