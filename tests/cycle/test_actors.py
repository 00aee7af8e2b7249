"""Actors from the project page: htmx partials, in-place creation, participation statuses."""

import datetime
import re

import pytest
from django.urls import reverse

from cycle.models import (
    CapitalisationItem,
    Committee,
    ProjectPartner,
    ProjectPrestataire,
    ProjectStructure,
)
from cycle.vocabulary import CommitteeKind
from directory.models import BeneficiaryStructure, Intervenant, Partner, Prestataire
from directory.vocabulary import LegalForm, PartnerKind
from tests.directory.factories import BeneficiaryStructureFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def pilot(client, charge_mission):
    client.force_login(charge_mission)
    return client


def post(client, project, section, data, htmx=True):
    url = reverse(f"cycle:project_{section}", args=[project.pk])
    return client.post(url, data, **(HTMX if htmx else {}))


@pytest.fixture
def structure(db):
    return BeneficiaryStructureFactory(
        name="Jardins de Cocagne", legal_form=LegalForm.ASSOCIATION, sector_id="environnement",
        departement_id="59",
    )


def test_link_a_partner_answers_the_partial(pilot, project):
    partner = Partner.objects.create(name="DDTEFP du Nord", kind=PartnerKind.STATE)
    response = post(pilot, project, "partners", {
        "action": "link", "partenariat-partner": partner.pk, "partenariat-role": "financeur",
        "partenariat-contribution": "Cofinancement",
    })
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<section id="partenaires"') and "<html" not in html
    assert "DDTEFP du Nord" in html and "Financeur" in html
    assert ProjectPartner.objects.get(project=project).contribution == "Cofinancement"


def test_the_same_role_twice_is_refused_in_french(pilot, project):
    partner = Partner.objects.create(name="DDTEFP du Nord", kind=PartnerKind.STATE)
    data = {"action": "link", "partenariat-partner": partner.pk, "partenariat-role": "financeur"}
    post(pilot, project, "partners", data)
    html = post(pilot, project, "partners", data).content.decode()
    assert "DDTEFP du Nord a déjà dans l&#x27;IC le rôle « Financeur »." in html
    assert ProjectPartner.objects.count() == 1


def test_create_a_partner_in_place_then_link_it(pilot, project):
    response = post(pilot, project, "partners", {
        "action": "create", "nouveau-partenaire-name": "Réseau des Ressourceries",
        "nouveau-partenaire-kind": "reseau", "nouveau-partenaire-role": "tete_de_reseau",
    })
    assert "Réseau des Ressourceries" in response.content.decode()
    link = ProjectPartner.objects.get(project=project)
    assert (link.partner.name, link.role) == ("Réseau des Ressourceries", "tete_de_reseau")


def test_a_partner_with_two_roles_is_entered_once(pilot, project):
    partner = Partner.objects.create(name="Conseil départemental", kind=PartnerKind.DEPARTEMENT)
    response = post(pilot, project, "partners", {
        "action": "link", "partenariat-partner": partner.pk,
        "partenariat-role": ["financeur", "conception"], "partenariat-contribution": "5 000 €",
    })
    assert response.headers["HX-Trigger"] == '{"ic-changed": {}}'
    assert sorted(project.partnerships.values_list("role", "contribution")) == [
        ("conception", "5 000 €"), ("financeur", "5 000 €"),
    ]
    # All or none: a role it already holds names it and adds neither.
    html = post(pilot, project, "partners", {
        "action": "link", "partenariat-partner": partner.pk,
        "partenariat-role": ["financeur", "reseau"],
    }).text
    assert "a déjà dans l&#x27;IC le rôle « Financeur »" in html
    assert re.search(r'value="reseau"[^>]*checked', html)  # the user's choice is kept
    assert project.partnerships.count() == 2


def test_a_new_partner_with_two_roles_in_one_submission(pilot, project):
    url = reverse("cycle:project_partners", args=[project.pk])
    html = pilot.get(url, {"formulaire": "nouveau-partenaire"}, **HTMX).text
    assert re.search(r'type="checkbox"[^>]*name="nouveau-partenaire-role" value="financeur"', html)
    post(pilot, project, "partners", {
        "action": "create", "nouveau-partenaire-name": "Fondation Sport Solidaire",
        "nouveau-partenaire-kind": "financeur",
        "nouveau-partenaire-role": ["financeur", "tete_de_reseau"],
    })
    assert sorted(project.partnerships.values_list("partner__name", "role")) == [
        ("Fondation Sport Solidaire", "financeur"), ("Fondation Sport Solidaire", "tete_de_reseau"),
    ]


def test_a_near_duplicate_partner_asks_for_confirmation(pilot, project):
    Partner.objects.create(name="Réseau des Ressourceries", kind=PartnerKind.NETWORK)
    data = {
        "action": "create", "nouveau-partenaire-name": "Reseau Ressourceries",
        "nouveau-partenaire-kind": "reseau", "nouveau-partenaire-role": "reseau",
    }
    html = post(pilot, project, "partners", data).content.decode()
    assert "un nom proche existe déjà" in html
    assert 'value="Reseau Ressourceries"' in html  # kept
    assert Partner.objects.count() == 1

    post(pilot, project, "partners", {**data, "nouveau-partenaire-confirm": "on"})
    assert Partner.objects.count() == 2 and project.partnerships.count() == 1


def test_participation_moves_and_withdrawal_needs_a_reason(pilot, project, structure):
    post(pilot, project, "structures", {"action": "add", "participation-structure": structure.pk})
    participation = ProjectStructure.objects.get(project=project)
    assert participation.status == "identifiee"
    row = {"action": "move", "row": participation.pk}
    prefix = f"p{participation.pk}"

    post(pilot, project, "structures", {**row, f"{prefix}-status": "contactee"})
    post(pilot, project, "structures", {**row, f"{prefix}-status": "engagee"})
    participation.refresh_from_db()
    assert participation.status == "engagee"

    response = post(pilot, project, "structures", {**row, f"{prefix}-status": "retiree"})
    assert "Indiquez le motif du retrait de la structure." in response.content.decode()
    participation.refresh_from_db()
    assert participation.status == "engagee"

    post(pilot, project, "structures", {
        **row, f"{prefix}-status": "retiree", f"{prefix}-reason": "Fusion avec une autre association",
    })
    participation.refresh_from_db()
    assert (participation.status, participation.withdrawal_reason) == (
        "retiree", "Fusion avec une autre association",
    )


def test_each_move_is_logged_and_a_moved_participation_is_withdrawn_not_removed(
    pilot, project, structure, charge_mission
):
    participation = ProjectStructure.objects.create(project=project, structure=structure)
    row = {"row": participation.pk}
    post(pilot, project, "structures", {
        **row, "action": "move", f"p{participation.pk}-status": "contactee",
    })
    assert [(log.transition, log.source, log.target, log.by) for log in
            participation.transition_logs.all()] == [
        ("contact", "identifiee", "contactee", charge_mission),
    ]

    response = post(pilot, project, "structures", {**row, "action": "remove"})

    assert "retirez-la (avec un motif)" in response.content.decode()
    assert ProjectStructure.objects.filter(pk=participation.pk).exists()


def test_a_move_the_cycle_does_not_allow_is_refused(pilot, project, structure):
    participation = ProjectStructure.objects.create(project=project, structure=structure)
    response = post(pilot, project, "structures", {
        "action": "move", "row": participation.pk, f"p{participation.pk}-status": "engagee",
    })
    assert "ne peut passer à « Engagée »" in response.content.decode()
    participation.refresh_from_db()
    assert participation.status == "identifiee"


def test_create_a_structure_in_place_checks_the_siret(pilot, project, structure):
    structure.siret = "73282932000074"
    structure.save()
    data = {
        "action": "create", "nouvelle-structure-name": "Recyclerie du Val",
        "nouvelle-structure-legal_form": "association", "nouvelle-structure-siret": "73282932000074",
        "nouvelle-structure-sector": "dechets-reemploi", "nouvelle-structure-departement": "59",
    }
    html = post(pilot, project, "structures", data).content.decode()
    assert "Ce SIRET est déjà enregistré dans l&#x27;annuaire." in html
    assert not project.participations.exists()

    post(pilot, project, "structures", {**data, "nouvelle-structure-siret": ""})
    assert project.participations.get().structure.name == "Recyclerie du Val"


def test_committees_members_meetings_and_opinion(pilot, project, dla):
    post(pilot, project, "committees", {"action": "add", "comite-kind": "appui",
                                        "comite-purpose": "Valider la démarche"})
    committee = Committee.objects.get(project=project)
    post(pilot, project, "committees", {"action": "member", "membre-committee": committee.pk,
                                        "membre-organisation": dla.pk, "membre-function": "pilote"})
    post(pilot, project, "committees", {"action": "meeting", "reunion-committee": committee.pk,
                                        "reunion-held_on": "2005-01-20",
                                        "reunion-decisions": "Démarche validée"})
    response = post(pilot, project, "committees", {"action": "opinion",
                                                   "avis-opinion": "Avis favorable",
                                                   "avis-opinion_on": "2005-01-20"})
    html = response.content.decode()
    committee.refresh_from_db()
    assert committee.opinion == "Avis favorable"
    assert committee.opinion_on == datetime.date(2005, 1, 20)
    assert committee.members.get().organisation == dla
    assert committee.meetings.get().decisions == "Démarche validée"
    assert "20 janvier 2005" in html and "Démarche validée" in html


def test_a_member_must_be_somebody(pilot, project):
    committee = Committee.objects.create(project=project, kind=CommitteeKind.PILOTAGE)
    html = post(pilot, project, "committees", {"action": "member",
                                               "membre-committee": committee.pk}).content.decode()
    assert "Indiquez qui siège" in html
    assert not committee.members.exists()


def test_assign_a_prestataire_and_its_intervenants(pilot, project):
    firm = Prestataire.objects.create(name="Cabinet Alpha")
    ines = Intervenant.objects.create(prestataire=firm, first_name="Inès", last_name="Alpha")
    other = Intervenant.objects.create(
        prestataire=Prestataire.objects.create(name="Autre"), first_name="Bob", last_name="B"
    )
    post(pilot, project, "prestataires", {"action": "assign", "prestataire-prestataire": firm.pk,
                                          "prestataire-selected_on": "2005-03-10"})
    assignment = ProjectPrestataire.objects.get(project=project)
    html = post(pilot, project, "prestataires", {
        "action": "intervenants", "row": assignment.pk, "intervenants": [ines.pk, other.pk],
    }).content.decode()
    assert list(assignment.intervenants.all()) == [ines]
    assert "Inès Alpha" in html


def test_create_a_prestataire_in_place(pilot, project):
    post(pilot, project, "prestataires", {
        "action": "create", "nouveau-prestataire-name": "Bureau d'études Territoires",
    })
    assert project.assignments.get().prestataire.name == "Bureau d'études Territoires"


def test_capitalisation_items(pilot, project):
    post(pilot, project, "capitalisation", {
        "action": "add", "capitalisation-title": "Synthèses des rencontres",
        "capitalisation-nature": "contenu", "capitalisation-transferable": "on",
        "capitalisation-target_audiences": "Réseau régional", "capitalisation-responsible": "dla",
    })
    item = CapitalisationItem.objects.get(project=project)
    html = post(pilot, project, "capitalisation", {"action": "remove", "row": item.pk}).content
    assert not CapitalisationItem.objects.exists()
    assert "Aucun élément de capitalisation." in html.decode()


def test_without_htmx_a_post_returns_to_the_page(pilot, project):
    response = post(pilot, project, "capitalisation", {
        "action": "add", "capitalisation-title": "Outil", "capitalisation-nature": "outil",
    }, htmx=False)
    assert response.status_code == 302
    assert response.url.endswith("#capitalisation")


@pytest.mark.parametrize("user", ["c2ra_staff", "other_charge_mission"])
def test_readers_and_strangers_cannot_change_actors(client, project, structure, request, user):
    client.force_login(request.getfixturevalue(user))
    response = post(client, project, "structures",
                    {"action": "add", "participation-structure": structure.pk})
    assert response.status_code == 404
    assert not ProjectStructure.objects.exists()


def test_an_actor_row_of_another_project_is_404(pilot, project_factory, structure):
    mine, other = project_factory(), project_factory(title="Autre")
    participation = ProjectStructure.objects.create(project=other, structure=structure)
    response = post(pilot, mine, "structures", {"action": "remove", "row": participation.pk})
    assert response.status_code == 404
    assert ProjectStructure.objects.filter(pk=participation.pk).exists()


def test_structures_listed_are_the_territorys_or_the_searched_ones(pilot, project, structure):
    """The select never lists the whole directory: the IC's territory, or a search."""
    far = BeneficiaryStructure.objects.create(
        name="Ressourcerie du Bassin d'Arcachon", legal_form=LegalForm.ASSOCIATION,
        sector_id="dechets-reemploi", departement_id="33",
    )
    url = reverse("cycle:project_structures", args=[project.pk])

    nearby = pilot.get(url, **HTMX).context["participation_form"]["structure"]
    searched = pilot.get(url, {"recherche": "arcachon"}, **HTMX)

    listed = [value for value, _label in nearby.field.widget.choices]
    assert structure.pk in listed and far.pk not in listed  # the pilot DLA is in the Nord
    found = [v for v, _l in searched.context["participation_form"]["structure"].field.widget.choices]
    assert found == ["", far.pk]
    assert 'value="arcachon"' in searched.text
    # Validation covers the whole directory: a structure found by search can be added.
    post(pilot, project, "structures", {"action": "add", "participation-structure": far.pk})
    assert ProjectStructure.objects.filter(project=project, structure=far).exists()


def test_the_page_loads_its_add_forms_on_demand(pilot, project):
    """Closed disclosures hold no form: opening one fetches it (htmx), nothing is lost."""
    Committee.objects.create(project=project, kind=CommitteeKind.PILOTAGE)
    url = reverse("cycle:project_detail", args=[project.pk])
    html = pilot.get(url, {"onglet": "acteurs"}).text + pilot.get(url, {"onglet": "comites"}).text
    assert 'name="participation-structure"' not in html
    assert 'name="nouvelle-structure-name"' not in html
    assert 'name="membre-committee"' not in html
    structures = reverse("cycle:project_structures", args=[project.pk])
    for name in ("structure", "nouvelle-structure"):
        assert f'hx-get="{structures}?formulaire={name}"' in html
        assert f'hx-select="#formulaire-{name}"' in html
    committees = reverse("cycle:project_committees", args=[project.pk])
    for name in ("comite", "membre", "reunion"):
        assert f'hx-get="{committees}?formulaire={name}"' in html


@pytest.mark.parametrize(("section", "name", "field"), [
    ("structures", "structure", "participation-structure"),
    ("structures", "nouvelle-structure", "nouvelle-structure-name"),
    ("partners", "partenaire", "partenariat-partner"),
    ("partners", "nouveau-partenaire", "nouveau-partenaire-role"),
    ("prestataires", "nouveau-prestataire", "nouveau-prestataire-name"),
    ("committees", "membre", "membre-committee"),
    ("capitalisation", "capitalisation", "capitalisation-title"),
])
def test_an_asked_form_comes_open_in_its_section(pilot, project, section, name, field):
    Committee.objects.create(project=project, kind=CommitteeKind.PILOTAGE)
    url = reverse(f"cycle:project_{section}", args=[project.pk])
    html = pilot.get(url, {"formulaire": name}, **HTMX).text
    assert f'id="formulaire-{name}"' in html and f'name="{field}"' in html
    assert "<details open>" in html
    # Without htmx, the whole page comes with the form open.
    page = pilot.get(url, {"formulaire": name}).text
    assert "<html" in page and f'name="{field}"' in page


def test_a_refused_creation_keeps_its_form_open_on_the_page(pilot, project):
    html = post(pilot, project, "partners", {
        "action": "create", "nouveau-partenaire-name": "", "nouveau-partenaire-kind": "reseau",
    }, htmx=False).content.decode()
    assert "<html" in html and 'id="formulaire-nouveau-partenaire"' in html
    assert "Cochez au moins un rôle du partenaire dans l&#x27;IC." in html


def test_readers_get_no_form_even_when_asking(client, project, c2ra_staff):
    client.force_login(c2ra_staff)
    url = reverse("cycle:project_detail", args=[project.pk])
    html = client.get(url, {"formulaire": "nouvelle-structure"}).content.decode()
    assert "nouvelle-structure-name" not in html and "formulaire=" not in html


def _options(html, name):
    select = html.split(f'name="{name}"')[1].split("</select>")[0]
    return select


def test_a_new_structure_proposes_the_ics_sector_and_departement(pilot, project_factory):
    """One sector: chosen already; two départements: listed first, under « De cette IC »."""
    project = project_factory(sectors=["sport"], departements=["23", "19"])
    url = reverse("cycle:project_structures", args=[project.pk])
    html = pilot.get(url, {"formulaire": "nouvelle-structure"}, **HTMX).text

    sector = _options(html, "nouvelle-structure-sector")
    assert '<option value="sport" selected>Sport</option>' in sector
    assert sector.index('<optgroup label="De cette IC">') < sector.index("Sport") < sector.index(
        '<optgroup label="Autres">'
    )
    departement = _options(html, "nouvelle-structure-departement")
    ours = departement.split('<optgroup label="De cette IC">')[1].split("</optgroup>")[0]
    assert ">19 – Corrèze<" in ours and ">23 – Creuse<" in ours and ">59 – Nord<" not in ours
    assert '<option value="" selected>' in departement  # two of them: the user chooses
    assert ">59 – Nord<" in departement.split('<optgroup label="Autres">')[1]

    # Any other entry is still accepted, and a refused form keeps the proposal.
    data = {"action": "create", "nouvelle-structure-name": "Club de Limoges",
            "nouvelle-structure-legal_form": "association", "nouvelle-structure-sector": "sport",
            "nouvelle-structure-departement": "87"}
    refused = post(pilot, project, "structures", {**data, "nouvelle-structure-siret": "1"}).text
    assert '<optgroup label="De cette IC">' in _options(refused, "nouvelle-structure-departement")
    post(pilot, project, "structures", data)
    assert project.participations.get().structure.departement_id == "87"


def test_without_a_sector_on_the_ic_the_select_is_as_before(pilot, project):
    url = reverse("cycle:project_structures", args=[project.pk])
    html = pilot.get(url, {"formulaire": "nouvelle-structure"}, **HTMX).text
    assert "<optgroup" not in _options(html, "nouvelle-structure-sector")
