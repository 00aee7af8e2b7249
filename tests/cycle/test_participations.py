"""The structures table of the Acteurs tab: bulk status change and consent to be named."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cycle import services
from cycle.models import ProjectStructure
from cycle.vocabulary import ParticipationStatus
from tests.cycle.factories import ParticipationFactory
from tests.directory.factories import BeneficiaryStructureFactory

S = ParticipationStatus
HTMX = {"HTTP_HX_REQUEST": "true"}
IC_CHANGED = '{"ic-changed": {}}'


@pytest.fixture
def pilot(client, charge_mission):
    client.force_login(charge_mission)
    return client


def post(client, project, data, htmx=True):
    url = reverse("cycle:project_structures", args=[project.pk])
    return client.post(url, data, **(HTMX if htmx else {}))


def clubs(project, *statuses):
    return [
        ParticipationFactory(
            project=project, status=status,
            withdrawal_reason="Fusion" if status == S.WITHDREW else "",
            structure=BeneficiaryStructureFactory(name=f"Club {i}"),
        )
        for i, status in enumerate(statuses)
    ]


def bulk(rows, status, reason=""):
    return {"action": "bulk", "lot-rows": [row.pk for row in rows], "lot-status": status,
            "lot-reason": reason}


def statuses(rows):
    return [ProjectStructure.objects.get(pk=row.pk).status for row in rows]


# --- bulk status change


def test_the_bulk_choices_are_the_machines_targets(pilot, project):
    clubs(project, S.IDENTIFIED)
    html = pilot.get(reverse("cycle:project_structures", args=[project.pk]), **HTMX).text
    assert services.participation_targets() == [
        (S.CONTACTED, "Contactée"), (S.COMMITTED, "Engagée"), (S.WITHDREW, "Retirée"),
    ]
    for value, label in services.participation_targets():
        assert f'<option value="{value}">{label}</option>' in html
    assert "Passer les structures cochées à :" in html


def test_eight_structures_go_identified_contacted_committed_in_two_submissions(
    pilot, project, charge_mission
):
    rows = clubs(project, *[S.IDENTIFIED] * 8)

    first = post(pilot, project, bulk(rows, S.CONTACTED))
    assert first.headers["HX-Trigger"] == IC_CHANGED
    assert "8 structures sont maintenant « Contactée »." in first.text
    second = post(pilot, project, bulk(rows, S.COMMITTED))

    assert "8 structures sont maintenant « Engagée »." in second.text
    assert statuses(rows) == [S.COMMITTED] * 8
    # Each through its own declared transition, logged with who did it.
    assert [(log.transition, log.by) for log in rows[0].transition_logs.order_by("at", "pk")] == [
        ("contact", charge_mission), ("commit", charge_mission),
    ]


def test_one_refusal_moves_none_and_names_the_structure(pilot, project):
    identified, withdrawn, contacted = clubs(project, S.IDENTIFIED, S.WITHDREW, S.CONTACTED)
    response = post(pilot, project, bulk([identified, withdrawn, contacted], S.COMMITTED))

    html = response.text
    assert "HX-Trigger" not in response.headers
    assert "Aucune des structures cochées n'a changé" in html
    assert "« Club 0 » : Une participation « Identifiée » ne peut passer à « Engagée »." in html
    assert "« Club 1 » : Une participation « Retirée » ne peut passer à « Engagée »." in html
    assert "Club 2" not in html.split('role="alert"')[1].split("</div>")[0]
    # All or nothing: the contacted one, which could move, did not.
    assert statuses([identified, withdrawn, contacted]) == [S.IDENTIFIED, S.WITHDREW, S.CONTACTED]
    # The user's choice is kept: the same rows checked, the same target selected.
    for row in (identified, withdrawn, contacted):
        assert f'value="{row.pk}" id="lot-{row.pk}" checked' in html
    assert f'<option value="{S.COMMITTED}" selected>' in html


def test_a_bulk_withdrawal_needs_its_reason_then_moves_them_all(pilot, project):
    rows = clubs(project, S.IDENTIFIED, S.COMMITTED)
    html = post(pilot, project, bulk(rows, S.WITHDREW)).text
    assert "« Club 0 » : Indiquez le motif du retrait de la structure." in html
    assert statuses(rows) == [S.IDENTIFIED, S.COMMITTED]

    post(pilot, project, bulk(rows, S.WITHDREW, "Fusion des deux clubs"))
    assert statuses(rows) == [S.WITHDREW, S.WITHDREW]
    assert {row.withdrawal_reason for row in ProjectStructure.objects.all()} == {
        "Fusion des deux clubs"
    }


def test_a_row_already_there_is_left_alone(pilot, project):
    rows = clubs(project, S.CONTACTED, S.COMMITTED)
    response = post(pilot, project, bulk(rows, S.COMMITTED))
    assert statuses(rows) == [S.COMMITTED, S.COMMITTED]
    assert rows[1].transition_logs.count() == 0
    assert response.headers["HX-Trigger"] == IC_CHANGED


def test_nothing_checked_or_a_foreign_row_is_refused_in_french(pilot, project, project_factory):
    mine = clubs(project, S.IDENTIFIED)
    foreign = clubs(project_factory(title="Autre"), S.IDENTIFIED)
    html = post(pilot, project, {"action": "bulk", "lot-status": S.CONTACTED}).text
    assert "Cochez au moins une structure." in html
    html = post(pilot, project, bulk([*mine, *foreign], S.CONTACTED)).text
    assert "Une structure cochée ne participe plus à l&#x27;IC." in html
    assert statuses([*mine, *foreign]) == [S.IDENTIFIED, S.IDENTIFIED]
    html = post(pilot, project, {**bulk(mine, "nimporte"), "lot-rows": ["1" * 30]}).text
    assert 'role="alert"' in html


def test_a_row_changed_by_someone_else_since_blocks_the_bulk(pilot, project, charge_mission):
    rows = clubs(project, S.IDENTIFIED, S.IDENTIFIED)
    seen = {f"lot-version-{row.pk}": row.version for row in rows}
    services.move_participation(rows[1], status=S.WITHDREW, by=charge_mission, reason="Dissous")
    html = post(pilot, project, {**bulk(rows, S.CONTACTED), **seen}).text
    assert "« Club 1 » : Quelqu&#x27;un d&#x27;autre a changé cette participation" in html
    assert statuses(rows) == [S.IDENTIFIED, S.WITHDREW]


def test_without_htmx_the_bulk_returns_to_the_page(pilot, project):
    rows = clubs(project, S.IDENTIFIED)
    response = post(pilot, project, bulk(rows, S.CONTACTED), htmx=False)
    assert response.status_code == 302 and response.url.endswith("#structures")
    assert statuses(rows) == [S.CONTACTED]


# --- consent to be named


def test_consent_is_recorded_with_who_and_when_then_withdrawn(pilot, project, charge_mission):
    (club,) = clubs(project, S.COMMITTED)
    html = pilot.get(reverse("cycle:project_structures", args=[project.pk]), **HTMX).text
    assert "Consentement à être nommée : non recueilli" in html
    assert "data-confirm=" in html and "Enregistrer son consentement" in html

    response = post(pilot, project, {"action": "consent", "row": club.pk, "version": club.version})

    club.refresh_from_db()
    assert club.publication_consent and club.consent_recorded_by == charge_mission
    assert timezone.localdate(club.consent_recorded_at) == timezone.localdate()
    assert response.headers["HX-Trigger"] == IC_CHANGED
    assert "Consentement à être nommée : recueilli le" in response.text
    assert "par Claire Martin" in response.text and "Retirer le consentement" in response.text
    record = club.history.first()
    assert (record.publication_consent, record.history_user) == (True, charge_mission)

    response = post(pilot, project, {"action": "unconsent", "row": club.pk,
                                     "version": club.version})
    club.refresh_from_db()
    assert not club.publication_consent and club.consent_recorded_at is None
    assert "Consentement à être nommée : non recueilli" in response.text
    assert [r.publication_consent for r in club.history.all()[:2]] == [False, True]
    assert club.history.first().history_user == charge_mission


def test_a_consent_from_a_stale_page_is_refused(pilot, project, charge_mission):
    (club,) = clubs(project, S.IDENTIFIED)
    seen = club.version
    services.move_participation(club, status=S.CONTACTED, by=charge_mission)
    html = post(pilot, project, {"action": "consent", "row": club.pk, "version": seen}).text
    assert "Quelqu&#x27;un d&#x27;autre a changé cette participation" in html
    club.refresh_from_db()
    assert not club.publication_consent


def test_a_consent_recorded_before_the_app_knew_when_says_so(pilot, project):
    (club,) = clubs(project, S.COMMITTED)
    ProjectStructure.objects.filter(pk=club.pk).update(publication_consent=True)
    html = pilot.get(reverse("cycle:project_structures", args=[project.pk]), **HTMX).text
    assert "Consentement à être nommée : recueilli (date inconnue)" in html


@pytest.mark.parametrize("user", ["c2ra_staff", "other_charge_mission"])
@pytest.mark.parametrize("action", ["consent", "unconsent", "bulk"])
def test_only_who_may_edit_the_ic_records_consent_or_moves_in_bulk(
    client, project, request, user, action
):
    (club,) = clubs(project, S.IDENTIFIED)
    client.force_login(request.getfixturevalue(user))
    response = post(client, project, {**bulk([club], S.CONTACTED), "action": action,
                                      "row": club.pk})
    assert response.status_code == 404
    club.refresh_from_db()
    assert (club.status, club.publication_consent) == (S.IDENTIFIED, False)
    # Readers see the consent, without its buttons nor the bulk action.
    if user == "c2ra_staff":
        html = client.get(reverse("cycle:project_structures", args=[project.pk]), **HTMX).text
        assert "Consentement à être nommée : non recueilli" in html
        assert "Enregistrer son consentement" not in html and "lot-rows" not in html


def test_anonymous_is_sent_to_log_in(client, project):
    (club,) = clubs(project, S.IDENTIFIED)
    for action in ("consent", "unconsent", "bulk"):
        response = post(client, project, {**bulk([club], S.CONTACTED), "action": action,
                                          "row": club.pk})
        assert response.status_code == 302 and "login" in response.url
    club.refresh_from_db()
    assert (club.status, club.publication_consent) == (S.IDENTIFIED, False)


def test_the_migration_dates_an_existing_consent_from_its_history(project, charge_mission):
    """A consent ticked in /admin/ before the app recorded who and when: taken from the
    participation's history (the last time it was given), or left unknown."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("cycle.migrations.0007_participation_consent")
    given, never_dated = clubs(project, S.COMMITTED, S.COMMITTED)
    given.publication_consent, given._history_user = True, charge_mission
    given.save()
    ProjectStructure.objects.filter(pk=never_dated.pk).update(publication_consent=True)
    moment = given.history.first().history_date

    migration.copy_from_history(apps, None)

    given.refresh_from_db()
    never_dated.refresh_from_db()
    assert (given.consent_recorded_at, given.consent_recorded_by) == (moment, charge_mission)
    assert never_dated.consent_recorded_at is None and never_dated.publication_consent
