"""Random input to every grille form, as the assigned intervenant: never a server error."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grille.forms import ActionsForm, EvaluationForm, PresentationForm
from grille.models import Grille
from grille.vocabulary import Answer, InterventionMode, InterventionType, WorkMethod

from .conftest import complete_project

FUZZ = settings(
    max_examples=40, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Lone surrogates cannot even be encoded by a browser; NUL bytes are refused by the forms.
CHARS = st.characters(blacklist_categories=("Cs",))
TEXT = st.one_of(
    st.text(CHARS, max_size=120),
    st.builds(lambda c, n: c * n, CHARS, st.integers(4990, 5100)),
    st.sampled_from(["<script>alert(1)</script>", "\x00", "'; DROP TABLE grille; --", "{{ x }}"]),
)
NUMBERS = st.one_of(
    st.sampled_from(["", "0", "0,5", "3,5", "1.255", "-1", "1e9", "NaN", "Infinity", "٣", "1,2,3"]),
    st.integers(-10**12, 10**12).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
CHOICES = st.sampled_from(
    [*InterventionMode.values, *WorkMethod.values, *InterventionType.values, *Answer.values,
     "connaitre-marche", "situation-fiscale", "", "inconnu"]
)
VALUE = st.one_of(TEXT, NUMBERS, CHOICES, st.lists(CHOICES, max_size=4))


def field_names(project, form_class):
    names = [n for n in form_class.base_fields if n != "version"]
    if form_class is ActionsForm:
        names += [f for f in ActionsForm(sheet=None).fields if f not in names and f != "version"]
        names += [f"plan_{pk}" for pk in project.participations.values_list("pk", flat=True)]
        names.append("plan_999999")
    if form_class is EvaluationForm:
        names += [f for f in EvaluationForm().fields if f not in names and f != "version"]
    return names


@pytest.fixture
def setup(ic, grille, intervenant, client_of):
    return complete_project(ic), grille, client_of(intervenant)


def _post(setup, part, data, real_version):
    project, grille, client = setup
    if real_version:
        data["version"] = str(Grille.objects.get(pk=grille.pk).version)
    url = reverse("grille:part", kwargs={"project_pk": project.pk, "part": part})
    response = client.post(url, data)
    assert response.status_code < 500, data
    assert response.status_code in {200, 302, 409}


@pytest.mark.parametrize("form_class", [PresentationForm, EvaluationForm], ids=["partie1", "partie3"])
def test_random_input_to_parts_1_and_3_never_breaks(setup, form_class):
    names = field_names(setup[0], form_class)
    part = 1 if form_class is PresentationForm else 3

    @FUZZ
    @given(st.dictionaries(st.sampled_from(names), VALUE, max_size=len(names)),
           st.one_of(NUMBERS, TEXT), st.booleans())
    def run(values, version, real_version):
        _post(setup, part, {**values, "version": version}, real_version)

    run()


def test_random_input_to_part_2_with_phases_never_breaks(setup):
    names = field_names(setup[0], ActionsForm)
    phase_keys = ["title", "contents", "expected_results", "methods", "days", "ORDER", "DELETE"]

    @FUZZ
    @given(
        st.dictionaries(st.sampled_from(names), VALUE, max_size=12),
        st.lists(st.dictionaries(st.sampled_from(phase_keys), st.one_of(TEXT, NUMBERS)), max_size=4),
        st.one_of(st.none(), NUMBERS),
        st.one_of(st.none(), NUMBERS),
        st.booleans(),
    )
    def run(values, phases, total, initial, real_version):
        data = {**values, "version": "1"}
        data["phases-TOTAL_FORMS"] = str(len(phases)) if total is None else total
        data["phases-INITIAL_FORMS"] = "0" if initial is None else initial
        for i, phase in enumerate(phases):
            data.update({f"phases-{i}-{k}": v for k, v in phase.items()})
        _post(setup, 2, data, real_version)

    run()
