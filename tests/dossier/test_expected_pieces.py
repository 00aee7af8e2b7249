"""« Pièces attendues »: each sub-phase's expected categories, ticked when a live document
of that category is in the dossier."""

from django.urls import reverse

from cycle.states import State
from dossier.vocabulary import EXPECTED_PIECES, Category
from tests.dossier.factories import DocumentFactory


def ticks(client, project) -> dict:
    response = client.get(reverse("dossier:documents", args=[project.pk]))
    return {
        (row["phase"], piece["category"]): piece["present"]
        for row in response.context["expected"] for piece in row["pieces"]
    }


def test_each_declared_piece_is_listed_unticked_then_ticked(client, charge_mission, project):
    client.force_login(charge_mission)
    declared = {(phase, c) for phase, categories in EXPECTED_PIECES.items() for c in categories}
    assert ticks(client, project) == dict.fromkeys(declared, False)

    DocumentFactory(project=project, category=Category.CONVENTION)

    after = ticks(client, project)
    assert after[(State.MODALITES, Category.CONVENTION)] is True
    assert after[(State.VALIDATION, Category.COMMITTEE_MINUTES)] is False
    page = client.get(reverse("dossier:documents", args=[project.pk])).content.decode()
    assert 'data-piece="convention" data-present="oui"' in page
    assert 'data-piece="compte_rendu" data-present="non"' in page


def test_a_deleted_document_no_longer_ticks_its_piece(client, charge_mission, project):
    from dossier import services

    document = DocumentFactory(project=project, category=Category.ATTENDANCE)
    services.delete_document(document=document, reason="Erreur", by=charge_mission)
    client.force_login(charge_mission)
    assert ticks(client, project)[(State.MISE_EN_OEUVRE, Category.ATTENDANCE)] is False


def test_the_current_sub_phase_is_marked(client, charge_mission, project):
    from tests.cycle.test_guards import bring_to

    bring_to(project, State.VALIDATION, charge_mission)
    client.force_login(charge_mission)
    response = client.get(reverse("dossier:documents", args=[project.pk]))
    current = [row["phase"] for row in response.context["expected"] if row["current"]]
    assert current == [State.VALIDATION]


def test_only_the_dla_team_sees_the_expected_pieces(client, project, people):
    client.force_login(people["structure"])
    assert client.get(reverse("dossier:documents", args=[project.pk])).context["expected"] == []
