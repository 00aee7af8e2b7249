"""The fiche technique « 2 types d'ingénierie collective »: its whole decision table.

The notebook's table: une structure + besoin SPÉCIFIQUE → ingénierie individuelle;
une structure + besoin IDENTIQUE, SEMBLABLE à d'autres structures → réponse collective
aux structures; plusieurs structures + besoin COMMUN, PARTAGÉ → solution individuelle
et/ou collective produite avec elles. Several structures with similar needs are the
fiche's first case of figure (a collective response); a specific need is never an IC.
"""

import pytest
from django.urls import reverse

from cycle import fiche_technique
from cycle.fiche_technique import StructureCount
from cycle.models import Project
from cycle.vocabulary import ICType, NeedKind
from tests.cycle.test_project_forms import form_data

INDIVIDUAL = "relève d&#x27;une ingénierie individuelle (II)"
COMMON_IS_SHARED = "Un besoin commun est partagé par plusieurs structures"

TABLE = [
    # (structures, need, proposed type or None, French refusal shown beside the form)
    ("une", "specifique", None, INDIVIDUAL),
    ("une", "semblable", "reponse_collective", None),
    ("une", "commun", None, COMMON_IS_SHARED),
    ("plusieurs", "specifique", None, INDIVIDUAL),
    ("plusieurs", "semblable", "reponse_collective", None),
    ("plusieurs", "commun", "solution_partagee", None),
]


def test_the_table_covers_every_answer_pair():
    pairs = {(count, need) for count, need, _type, _refusal in TABLE}
    assert pairs == {(c.value, n.value) for c in StructureCount for n in NeedKind}
    assert set(fiche_technique.DECISIONS) == pairs


@pytest.mark.parametrize(("count", "need", "proposed", "refusal"), TABLE)
def test_the_decision_rule(count, need, proposed, refusal):
    outcome = fiche_technique.decide(count, need)
    assert outcome.ic_type == (proposed or "")
    assert bool(outcome.refusal) == bool(refusal)


@pytest.mark.parametrize(("count", "need", "proposed", "refusal"), TABLE)
def test_creating_an_ic_follows_the_table(client, charge_mission, dla, count, need, proposed,
                                          refusal):
    client.force_login(charge_mission)
    response = client.post(
        reverse("cycle:project_create"), form_data(dla, structure_count=count, need_kind=need)
    )
    if proposed:
        assert response.status_code == 302
        assert Project.objects.get().ic_type == proposed
    else:
        html = response.content.decode()
        assert response.status_code == 200
        assert refusal in html
        assert "Des emplois jeunes à pérenniser" in html  # what was typed is kept
        assert not Project.objects.exists()


def test_the_page_script_gets_the_same_table(client, charge_mission):
    client.force_login(charge_mission)
    html = client.get(reverse("cycle:project_create")).content.decode()
    table = fiche_technique.table_for_script()
    assert table["une|semblable"] == {"type": ICType.COLLECTIVE_RESPONSE.value, "refusal": ""}
    assert "une|semblable" in html and "plusieurs|commun" in html
