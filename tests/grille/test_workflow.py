"""The grille's workflow: draft → remise → renvoyée / validée (locked) → rouverte."""

import pytest
from django.urls import reverse

from cycle.guards import missing_for
from cycle.states import State
from grille.models import Grille, GrilleStatus
from workflows.models import TransitionLog

from .conftest import complete_grille


def fire(client, project, name, comment=""):
    return client.post(
        reverse("grille:transition", kwargs={"project_pk": project.pk}),
        {"name": name, "comment": comment},
        follow=True,
    )


def status(grille):
    return Grille.objects.get(pk=grille.pk).status


def test_full_cycle_with_lock_and_reopening(complete_ic, grille, intervenant, charge_mission, client_of):
    author, reviewer = client_of(intervenant), client_of(charge_mission)

    # incomplete: refused, and the page says what is missing
    response = fire(author, complete_ic, "submit")
    assert status(grille) == GrilleStatus.DRAFT
    assert "Partie 2 incomplète" in response.content.decode()
    assert "Au moins une phase" in response.content.decode()

    complete_grille(grille)
    fire(author, complete_ic, "submit")
    assert status(grille) == GrilleStatus.SUBMITTED
    assert not missing_for(complete_ic, State.EVALUATION)  # the cycle's guard sees it

    # only the chargé de mission reviews
    assert fire(author, complete_ic, "validate").status_code == 403
    response = fire(reviewer, complete_ic, "send_back")
    assert "Indiquez vos commentaires" in response.content.decode()
    assert status(grille) == GrilleStatus.SUBMITTED
    fire(reviewer, complete_ic, "send_back", "Préciser les journées de la phase 1.")
    assert status(grille) == GrilleStatus.RETURNED
    overview = author.get(reverse("grille:overview", kwargs={"project_pk": complete_ic.pk}))
    assert "Préciser les journées de la phase 1." in overview.content.decode()

    fire(author, complete_ic, "submit")
    fire(reviewer, complete_ic, "validate")
    assert status(grille) == GrilleStatus.VALIDATED

    # locked: nobody saves, the input is shown back with the reason
    url = reverse("grille:part", kwargs={"project_pk": complete_ic.pk, "part": 1})
    for client in (author, reviewer):
        response = client.post(url, {"version": Grille.objects.get(pk=grille.pk).version,
                                     "intervenant_system": "Changement tardif"})
        assert response.status_code == 409
        assert "validée" in response.content.decode()
        assert "Changement tardif" in response.content.decode()
    assert Grille.objects.get(pk=grille.pk).intervenant_system != "Changement tardif"
    assert fire(author, complete_ic, "reopen", "Pour voir").status_code == 403

    fire(reviewer, complete_ic, "reopen")  # no reason: refused
    assert status(grille) == GrilleStatus.VALIDATED
    fire(reviewer, complete_ic, "reopen", "Erreur sur le coût")
    assert status(grille) == GrilleStatus.DRAFT

    steps = list(TransitionLog.objects.filter(grille=grille).values_list(
        "transition", "source", "target", "by__username", "comment"))
    assert steps == [
        ("submit", "brouillon", "remise", "intervenant", ""),
        ("send_back", "remise", "renvoyee", "cm", "Préciser les journées de la phase 1."),
        ("submit", "renvoyee", "remise", "intervenant", ""),
        ("validate", "remise", "validee", "cm", ""),
        ("reopen", "validee", "brouillon", "cm", "Erreur sur le coût"),
    ]


def test_submitted_grille_is_read_only_for_the_author_but_not_the_chargé(complete_ic, grille, intervenant, charge_mission, client_of):
    complete_grille(grille)
    fire(client_of(intervenant), complete_ic, "submit")
    url = reverse("grille:part", kwargs={"project_pk": complete_ic.pk, "part": 1})
    version = Grille.objects.get(pk=grille.pk).version
    data = {"version": version, "intervenant_system": "Corrigé", "roles_split": "x"}
    assert client_of(intervenant).post(url, data).status_code == 409
    assert client_of(charge_mission).post(url, data).status_code == 302
    assert Grille.objects.get(pk=grille.pk).intervenant_system == "Corrigé"


@pytest.mark.parametrize("name", ["submit", "validate", "frobnicate"])
def test_c2ra_reads_but_cannot_act(complete_ic, grille, c2ra_staff, client_of, name):
    assert fire(client_of(c2ra_staff), complete_ic, name).status_code == 403
    assert client_of(c2ra_staff).get(
        reverse("grille:part", kwargs={"project_pk": complete_ic.pk, "part": 2})
    ).status_code == 200


def test_unknown_action_is_refused_in_french(complete_ic, grille, intervenant, client_of):
    response = fire(client_of(intervenant), complete_ic, "frobnicate")
    assert "Action inconnue." in response.content.decode()


def test_the_grille_plugs_its_guard_and_its_steps_into_the_ic(complete_ic, grille, intervenant,
                                                              charge_mission, client_of):
    """The cycle never imports the grille: grille/apps.py registers both into it."""
    assert missing_for(complete_ic, State.EVALUATION) == [
        "La grille d'enquête doit avoir été remise par le prestataire."
    ]
    complete_grille(grille)
    fire(client_of(intervenant), complete_ic, "submit")
    history = client_of(charge_mission).get(
        reverse("cycle:project_detail", args=[complete_ic.pk]), {"onglet": "historique"}
    ).content.decode()
    assert "Grille d&#x27;enquête : Remettre la grille" in history
