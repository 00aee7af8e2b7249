"""The cahier des charges: written on the IC, weights out of 100, issued at Confirmer, as PDF."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cycle.guards import missing_for
from cycle.states import State
from grille.vocabulary import InterventionType, WorkMethod
from monographs import services
from monographs.models import Specification
from tests.cycle.test_guards import bring_to

SEED_CRITERIA = [
    ("Qualité des contenus et forme des apports méthodologiques et pratiques", 30),
    ("Niveau d'engagement demandé aux structures par le prestataire", 15),
    ("Modalités d'échanges et d'animation : rencontres collectives, individuelles", 20),
    ("Modalités d'enquête et de recueil d'information préalables à l'ingénierie", 15),
    ("Prix", 20),
]


def form_data(specification, **overrides):
    criteria = list(specification.criteria.all()) if specification.pk else []
    data = {
        "version": specification.version,
        "context": "Territoire rural",
        "expected_themes": ["connaitre-marche", "situation-fiscale"],
        "expected_contents": "Apports sur la fiscalité",
        "rhythm": "Une demi-journée par mois",
        "duration": "6 mois",
        "period": "Janvier à juin",
        "expected_team": "Deux intervenants, dont un fiscaliste",
        "work_method": "alternance",
        "intervention_types": ["information", "mise_en_reseau"],
        "place": "Lille, accessible en train",
        "logistics": "Salle prêtée par la DDTEFP",
        "scenarios": "Deux scénarios possibles",
        "deliverables": "Synthèse de chaque rencontre",
        "capitalisation_duties": "Fiches outils",
        "evaluation": "Questionnaire final",
        "budget_ceiling": "15000.00",
        "calendar": "Démarrage en janvier",
        "reply_deadline": "2026-12-15T12:00",
        "how_to_answer": "Offre par courriel",
        "criteria-TOTAL_FORMS": len(criteria),
        "criteria-INITIAL_FORMS": len(criteria),
        "criteria-MIN_NUM_FORMS": 0,
        "criteria-MAX_NUM_FORMS": 1000,
    }
    for i, criterion in enumerate(criteria):
        data |= {
            f"criteria-{i}-id": criterion.pk,
            f"criteria-{i}-label": criterion.label,
            f"criteria-{i}-weight": criterion.weight,
            f"criteria-{i}-position": i,
        }
    return data | overrides


@pytest.fixture
def at_modalites(project, charge_mission):
    return bring_to(project, State.MODALITES, charge_mission)


def test_default_criteria_are_the_seeds_four_plus_price(project):
    specification = services.specification_for(project)
    assert [(c.label, c.weight) for c in specification.criteria.all()] == SEED_CRITERIA


def test_save_then_read_back(client, charge_mission, project):
    specification = services.specification_for(project)
    client.force_login(charge_mission)
    url = reverse("monographs:specification_edit", args=[project.pk])

    response = client.post(url, form_data(specification))

    assert response.status_code == 302
    specification.refresh_from_db()
    assert specification.budget_ceiling == Decimal("15000.00")
    assert specification.expected_themes == ["connaitre-marche", "situation-fiscale"]
    assert specification.expected_team == "Deux intervenants, dont un fiscaliste"
    assert specification.work_method == "alternance"
    assert specification.intervention_types == ["information", "mise_en_reseau"]
    assert specification.version == 2
    assert specification.updated_by == charge_mission


def test_weights_must_total_100_and_input_is_kept(client, charge_mission, project):
    specification = services.specification_for(project)
    client.force_login(charge_mission)

    response = client.post(
        reverse("monographs:specification_edit", args=[project.pk]),
        form_data(specification, **{"criteria-4-weight": 35}),
    )

    assert response.status_code == 400
    assert "Les pondérations totalisent 115 % : elles doivent totaliser 100 %." in response.text
    assert "Lille, accessible en train" in response.text
    specification.refresh_from_db()
    assert specification.version == 1


def test_stale_version_is_refused_and_input_kept(client, charge_mission, project):
    specification = services.specification_for(project)
    data = form_data(specification)
    Specification.objects.filter(pk=specification.pk).update(version=5, place="Arras")
    client.force_login(charge_mission)

    response = client.post(reverse("monographs:specification_edit", args=[project.pk]), data)

    assert response.status_code == 400
    assert "modifié par quelqu&#x27;un d&#x27;autre" in response.text
    assert "Lille, accessible en train" in response.text
    specification.refresh_from_db()
    assert specification.place == "Arras"


def test_issue_refused_until_complete_and_at_confirmer(project, charge_mission):
    specification = services.specification_for(project)
    with pytest.raises(services.SpecificationIncomplete) as refused:
        services.issue_specification(specification, by=charge_mission)
    assert refused.value.missing[0] == "Le cahier des charges s'émet à l'étape Confirmer."
    assert "Indiquez le budget plafond." in refused.value.missing
    project.refresh_from_db()
    assert project.specification_issued_on is None


CONDITIONS = {
    "rhythm": "Une demi-journée par mois", "duration": "6 mois", "period": "Janvier à juin",
    "place": "Lille, accessible en train", "logistics": "Salle prêtée par la DDTEFP",
}


def complete(specification, **conditions):
    Specification.objects.filter(pk=specification.pk).update(
        expected_contents="Fiscalité", deliverables="Synthèses", budget_ceiling=Decimal("15000"),
        reply_deadline=timezone.now() + datetime.timedelta(days=10), how_to_answer="Par courriel",
        **(CONDITIONS | conditions),
    )
    specification.refresh_from_db()


def test_issue_refused_before_finaliser_les_modalites(project, charge_mission):
    """The notebook writes the cahier des charges at the end of « finaliser les modalités »."""
    bring_to(project, State.MOBILISATION, charge_mission)  # first Confirmer sub-phase
    specification = services.specification_for(project)
    complete(specification)

    with pytest.raises(services.SpecificationIncomplete) as refused:
        services.issue_specification(specification, by=charge_mission)

    assert refused.value.missing == [
        "Le cahier des charges s'émet à la sous-phase « Finaliser les modalités "
        "d'intervention », une fois les conditions techniques appréciées."
    ]
    project.refresh_from_db()
    assert project.specification_issued_on is None


def test_issue_refused_while_technical_conditions_are_empty(at_modalites, charge_mission):
    specification = services.specification_for(at_modalites)
    complete(specification, **dict.fromkeys(CONDITIONS, ""), scenarios="Deux scénarios")

    with pytest.raises(services.SpecificationIncomplete) as refused:
        services.issue_specification(specification, by=charge_mission)

    assert refused.value.missing == [
        "Renseignez les conditions techniques : rythme, durée, période d'intervention, lieu, "
        "conditions logistiques."
    ]


def test_issue_refused_names_only_the_empty_conditions(at_modalites, charge_mission):
    specification = services.specification_for(at_modalites)
    complete(specification, place=" ", logistics="")

    with pytest.raises(services.SpecificationIncomplete) as refused:
        services.issue_specification(specification, by=charge_mission)

    assert refused.value.missing == [
        "Renseignez les conditions techniques : lieu, conditions logistiques."
    ]


def test_issue_satisfies_the_cycle_guard(at_modalites, charge_mission):
    assert "Émettez le cahier des charges." in missing_for(at_modalites, State.MISE_EN_OEUVRE)
    specification = services.specification_for(at_modalites)
    complete(specification)

    services.issue_specification(specification, by=charge_mission)

    at_modalites.refresh_from_db()
    assert at_modalites.specification_issued_on == timezone.localdate()
    assert "Émettez le cahier des charges." not in missing_for(at_modalites, State.MISE_EN_OEUVRE)


def test_issue_view_shows_what_is_missing(client, charge_mission, at_modalites):
    client.force_login(charge_mission)
    response = client.post(
        reverse("monographs:specification_issue", args=[at_modalites.pk]), follow=True
    )
    assert "Précisez les livrables attendus." in response.text
    assert "Renseignez les conditions techniques : rythme, durée" in response.text.replace(
        "&#x27;", "'"
    )
    at_modalites.refresh_from_db()
    assert at_modalites.specification_issued_on is None


def test_pdf_holds_the_criteria_and_weights(client, charge_mission, at_modalites):
    specification = services.specification_for(at_modalites)
    complete(specification)
    client.force_login(charge_mission)

    response = client.get(reverse("monographs:specification_pdf", args=[at_modalites.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="cahier-des-charges-')
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Cahier des charges" in text
    assert at_modalites.title in text
    assert "Prix 20 %" in text
    assert "Niveau d'engagement demandé aux structures par le prestataire 15 %" in text
    assert "Total 100 %" in text
    assert "15 000,00 € TTC" in text.replace("\u202f", " ").replace("\xa0", " ")
    assert reader.metadata.title == f"Cahier des charges – {at_modalites.title}"


def test_other_dla_gets_404(client, other_charge_mission, project):
    client.force_login(other_charge_mission)
    for name in ("specification_detail", "specification_pdf", "specification_edit"):
        assert client.get(reverse(f"monographs:{name}", args=[project.pk])).status_code == 404


def test_first_save_creates_it_with_the_proposed_criteria(client, charge_mission, project):
    client.force_login(charge_mission)
    url = reverse("monographs:specification_edit", args=[project.pk])

    page = client.get(url)

    assert not Specification.objects.exists()
    assert page.context["criteria"].total_form_count() == len(SEED_CRITERIA)
    data = {k: v for k, v in form_data(Specification(version=0)).items() if "criteria" not in k}
    data |= {"version": 0, "criteria-TOTAL_FORMS": 5, "criteria-INITIAL_FORMS": 0}
    for i, (label, weight) in enumerate(SEED_CRITERIA):
        data |= {f"criteria-{i}-label": label, f"criteria-{i}-weight": weight,
                 f"criteria-{i}-position": i}

    assert client.post(url, data).status_code == 302

    specification = Specification.objects.get(project=project)
    assert [(c.label, c.weight) for c in specification.criteria.all()] == SEED_CRITERIA
    assert specification.version == 1


def pdf_text(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


def test_pdf_covers_partners_team_days_method_and_type(client, charge_mission, at_modalites):
    """What the notebook asks a cahier des charges to say of the intervention, when recorded."""
    specification = services.specification_for(at_modalites)
    complete(specification)
    Specification.objects.filter(pk=specification.pk).update(
        expected_team="Deux intervenants, dont un fiscaliste", work_method=WorkMethod.ALTERNATING,
        intervention_types=[InterventionType.INFORMATION, InterventionType.NETWORKING],
    )
    client.force_login(charge_mission)

    text = pdf_text(client.get(reverse("monographs:specification_pdf", args=[at_modalites.pk]))
                    .content)

    assert "Partenaires" in text and "DDTEFP du Nord (conception)" in text
    assert "Équipe d'intervention attendue Deux intervenants, dont un fiscaliste" in text
    assert "Nombre de journées prévues : 15 j" in text
    assert "Méthode de travail : Alternance collectif / individuel" in text
    assert ("Type d'intervention : Information avec apport de savoir ; Accompagnement avec mise "
            "en réseau, mutualisation, partenariat") in text
    assert "Lieu Lille, accessible en train" in text
    assert not re.search(r"— \d+\. ", text), text  # no section left as a bare « — »
    numbers = [int(n) for n in re.findall(r"(\d+)\. [A-ZÉ]", text)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) == 11


def test_pdf_leaves_out_what_is_not_recorded(client, charge_mission, project):
    services.specification_for(project)
    client.force_login(charge_mission)

    text = pdf_text(client.get(reverse("monographs:specification_pdf", args=[project.pk])).content)

    for absent in ("Partenaires", "Intervention attendue", "Méthode de travail", "Rythme",
                   "Évaluation"):
        assert absent not in text
    numbers = [int(n) for n in re.findall(r"(\d+)\. [A-ZÉ]", text)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) == 9
