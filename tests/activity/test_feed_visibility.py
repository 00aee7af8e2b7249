"""Who sees which line of the activity feed: per source, per role, on « Activité », on the
IC's « Historique » tab and in the « Espace structure »."""

import pytest
from django.urls import reverse

from cycle.selectors import feed
from tests.activity.conftest import LINES, ROLES


def shown(events, project):
    return [event for event in events if event.project_id == project.pk]


def seen(events, line) -> bool:
    return any(e.kind == line.kind and e.title.startswith(line.title) for e in events)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_on_activite_the_lines_of_its_audiences(world, role):
    events = shown(feed.feed(feed.user_scope(world.users[role])), world.project)

    expected = {line.title for line in LINES if role in line.readers}
    assert {line.title for line in LINES if seen(events, line)} == expected
    assert len(events) == len(expected)  # nothing else (one line of each here)


@pytest.mark.parametrize("role", ROLES)
def test_the_activite_page_shows_the_same_lines(client, world, role):
    client.force_login(world.users[role])
    page = client.get(reverse("cycle:activity")).content.decode()
    html = page[page.index('id="activity-feed"'):]  # the lines, not the kind filter

    for line in LINES:
        title = line.title.replace("'", "&#x27;")
        if role in line.readers:
            assert title in html, (role, line.title)
        elif line.kind != "transition":  # other ICs have their own creation
            assert title not in html, (role, line.title)


@pytest.mark.parametrize("role", ["cm", "c2ra", "admin", "intervenant"])
def test_the_historique_tab_shows_its_reader_s_lines(client, world, role):
    client.force_login(world.users[role])
    url = reverse("cycle:project_detail", args=[world.project.pk])
    page = client.get(url, {"onglet": "historique"}).content.decode()
    html = page[page.index('id="timeline"'):]

    for line in LINES:
        assert (line.title.replace("'", "&#x27;") in html) == (role in line.readers), line


def test_the_structure_space_shows_what_is_shared_with_the_structures(client, world):
    client.force_login(world.users["structure"])
    page = client.get(reverse("cycle:structure_space", args=[world.project.pk])).text
    html = page[page.index('id="structure-feed"'):]

    for line in LINES:
        assert (line.title.replace("'", "&#x27;") in html) == ("structure" in line.readers), line
    assert "Entre nous" not in html and "Corps Équipe seule" not in html


def test_a_note_never_reaches_anyone_outside_the_dla_team(world):
    for role in ("intervenant", "other_intervenant", "structure", "other_structure"):
        events = feed.feed(feed.user_scope(world.users[role]))
        assert not [e for e in events if e.kind == "note" or "Entre nous" in e.comment], role


def test_a_firm_sees_its_call_s_steps_without_the_pilots_reasons_or_corrections(world):
    events = feed.feed(feed.user_scope(world.users["other_intervenant"]), "tender")
    assert [e.title for e in events] == ["Appel d'offres : Prolongation", "Appel d'offres lancé"]
    assert events[0].comment == "Plus de temps"
    assert events[0].url == reverse("tenders:invitation_detail", args=[
        world.project.call_for_tender.pk
    ])


def test_a_deletion_carries_its_reason_for_the_team_alone(world):
    def deletions(role):
        events = feed.feed(feed.user_scope(world.users[role]), "document")
        return [e for e in events if "Compte rendu" in e.title]

    (deleted, filed) = deletions("cm")
    assert deleted.title.startswith("Document supprimé") and deleted.comment == "Doublon"
    assert deleted.url and filed.url
    assert deletions("structure") == []  # it was shared with them: gone with its title


def test_lines_link_to_their_source(world):
    events = feed.feed(feed.user_scope(world.users["cm"]))
    urls = {e.kind: e.url for e in shown(events, world.project)}
    assert urls["message"].startswith(reverse("exchange:project", args=[world.project.pk]))
    assert urls["grille"] == reverse("grille:overview", args=[world.project.pk])
    assert urls["transition"].startswith(
        reverse("cycle:project_detail", args=[world.project.pk])
    )
