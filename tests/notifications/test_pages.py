"""The centre: the bell's count and the list cost the same few queries for 3 or 60
notifications; marking read, one or all; the preferences page, one row per kind."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from notifications import kinds
from notifications.kinds import Channel
from notifications.models import Notification, NotificationPreference


def give(user, count, start=0):
    Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind="ic_transition",
            channel=Channel.DIGEST,
            title=f"Notification {n}",
            url="/",
            key=f"k{n}",
        )
        for n in range(start, start + count)
    )


@pytest.mark.parametrize("name", ["notifications:bell", "notifications:list"])
def test_queries_do_not_grow_with_the_notifications(
    client, charge_mission, django_assert_num_queries, name
):
    client.force_login(charge_mission)
    client.get(reverse("notifications:list"))  # the session's first expiry push
    give(charge_mission, 3)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(name))
    give(charge_mission, 57, start=3)
    with django_assert_num_queries(len(few)):
        response = client.get(reverse(name))
    assert response.context["unread"] == 60


def test_the_bell_counts_ones_own_unread(client, charge_mission, c2ra_staff):
    give(charge_mission, 2)
    give(c2ra_staff, 5)
    Notification.objects.filter(recipient=charge_mission, key="k0").update(
        read_at="2026-01-01T00:00Z"
    )
    client.force_login(charge_mission)

    html = client.get(reverse("notifications:bell")).content.decode()
    assert 'id="notifications-count">1<' in html and "notification non lue" in html


def test_the_list_shows_unread_first_and_pages(client, charge_mission):
    give(charge_mission, 25)
    Notification.objects.filter(recipient=charge_mission, key="k24").update(
        read_at="2026-01-01T00:00Z"
    )
    client.force_login(charge_mission)

    first = client.get(reverse("notifications:list")).context["notifications"]
    assert len(first) == 20 and all(n.read_at is None for n in first)
    last = client.get(reverse("notifications:list"), {"page": 2}).context["notifications"]
    assert [n.key for n in last][-1] == "k24"


def test_marking_one_then_all_read(client, charge_mission):
    give(charge_mission, 3)
    client.force_login(charge_mission)
    one = Notification.objects.get(key="k1")

    response = client.post(reverse("notifications:mark_read", args=[one.pk]))
    assert response.status_code == 302
    assert client.get(reverse("notifications:list")).context["unread"] == 2

    response = client.post(
        reverse("notifications:mark_read", args=[one.pk]), HTTP_HX_REQUEST="true"
    )
    assert "Marquer comme lue" not in response.content.decode()  # the row, now read
    assert response["HX-Trigger"] == "notifications-read"  # the bell counts again

    client.post(reverse("notifications:mark_all_read"))
    assert client.get(reverse("notifications:list")).context["unread"] == 0


def test_the_preferences_page_lists_every_kind_with_the_roles_default(client, c2ra_staff):
    client.force_login(c2ra_staff)
    html = client.get(reverse("notifications:preferences")).content.decode()
    for kind in kinds.all_kinds():
        assert escape(str(kind.label)) in html
    assert "Par défaut pour votre rôle : Dans le résumé quotidien" in html

    data = {kind.code: kind.default_for(c2ra_staff.role) for kind in kinds.all_kinds()}
    data["grille_submitted"] = Channel.OFF
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 302
    assert list(NotificationPreference.objects.values_list("kind", "channel")) == [
        ("grille_submitted", Channel.OFF)
    ]


def test_a_bad_choice_is_refused_beside_its_field(client, c2ra_staff):
    client.force_login(c2ra_staff)
    data = {kind.code: Channel.DIGEST for kind in kinds.all_kinds()}
    data["grille_submitted"] = "par-pigeon"
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_the_list_pages_through_sixty_notifications(client, charge_mission):
    give(charge_mission, 60)
    client.force_login(charge_mission)
    first = client.get(reverse("notifications:list")).content.decode()
    assert "1 / 3" in first and "?page=2" in first and "Précédente" not in first
    last = client.get(reverse("notifications:list"), {"page": 3}).content.decode()
    assert "3 / 3" in last and "?page=2" in last and "Suivante" not in last
