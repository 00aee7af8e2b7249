"""The feed's kind filter (``?type=``), its bounds (since, limit) and its pages."""

import datetime

from django.urls import reverse
from django.utils import timezone

from cycle import timeline
from cycle.selectors import feed
from tests.activity.conftest import LINES


def test_every_source_declares_its_kind_once_with_a_french_label():
    values = [k.value for k in timeline.kinds()]
    assert values[:3] == ["transition", "tick", "edit"]  # the cycle's own, first
    assert len(values) == len(set(values)) and set(values) == {line.kind for line in LINES}
    assert {str(k.label) for k in timeline.kinds()} >= {"message", "document", "appel d'offres"}


def test_the_kind_filter_keeps_one_kind(world):
    events = feed.feed(feed.user_scope(world.users["cm"]), "message")
    assert {e.kind for e in events} == {"message"}
    assert len(events) == 4


def test_an_unknown_kind_shows_every_kind(client, world):
    client.force_login(world.users["cm"])
    html = client.get(reverse("cycle:activity"), {"type": "<script>"}).text
    assert "&lt;script&gt;" not in html and "<script>" not in html.split("activity-feed")[1][:50]
    assert 'data-kind="message"' in html and 'data-kind="document"' in html


def test_the_historique_tab_filters_by_kind(client, world):
    client.force_login(world.users["intervenant"])
    url = reverse("cycle:project_detail", args=[world.project.pk])
    html = client.get(url, {"onglet": "historique", "type": "document"}).text
    lines = html[html.index('id="timeline"'):]

    assert 'data-kind="document"' in lines and 'data-kind="message"' not in lines
    assert "Note au cabinet" in lines and "Budget interne" not in lines
    # Its filter offers the kinds the reader may have, the asked one marked.
    assert 'href="?onglet=historique&amp;type=message"' not in html  # links keep the page
    assert f"/projets/{world.project.pk}/?onglet=historique&amp;type=message" in html
    assert "type=note" not in html  # the team's notes: not offered to a firm


def test_activite_filters_by_kind(client, world):
    client.force_login(world.users["structure"])
    html = client.get(reverse("cycle:activity"), {"type": "document"}).text
    lines = html[html.index('id="activity-feed"'):]
    assert 'data-kind="document"' in lines and 'data-kind="message"' not in lines
    assert "type=transition" not in html and "type=tender" not in html


def test_since_and_limit_bound_every_source(world):
    cm = world.users["cm"]
    everything = feed.feed(feed.user_scope(cm))
    assert len(feed.feed(feed.user_scope(cm, limit=3))) == 3
    later = timezone.now() - datetime.timedelta(seconds=30)
    recent = feed.feed(feed.user_scope(cm, since=later))
    assert recent and all(e.at >= later for e in recent)
    assert len(recent) < len(everything)


def test_activite_is_paginated_and_names_each_line_s_ic(client, world, monkeypatch):
    monkeypatch.setattr(feed, "PER_PAGE", 5)
    client.force_login(world.users["cm"])
    first = client.get(reverse("cycle:activity")).text
    assert first.count("<li class=\"border-start") == 5
    assert "1 / " in first and "page=2" in first
    assert world.project.title in first
    second = client.get(reverse("cycle:activity"), {"page": 2}).text
    assert "Précédente" in second
    assert client.get(reverse("cycle:activity"), {"page": "zzz"}).status_code == 200


def test_activite_is_linked_from_the_navbar(client, world):
    client.force_login(world.users["structure"])
    html = client.get(reverse("cycle:activity")).text
    assert f'href="{reverse("cycle:activity")}">Activité</a>' in html
