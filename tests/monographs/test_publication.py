"""What a C2RA publishes: a monograph printing what the app knows (anonymised), and a carnet
in the order the C2RA chose, with the grille's introduction (issue 12)."""

import datetime
import io
import re
from decimal import Decimal

from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from cycle.models import (
    BudgetTranche,
    Committee,
    Objective,
    Project,
    ProjectPartner,
    ProjectPilot,
    ProjectStructure,
)
from cycle.vocabulary import CommitteeKind, ICType, ObjectiveKind, ParticipationStatus, PartnerRole
from directory.models import BeneficiaryStructure, Organisation, Partner
from directory.vocabulary import LegalForm, OrganisationKind, PartnerKind
from dla_ic.pdf import html_to_pdf
from grille.models import EvaluationAnswer, Grille, GrilleStatus, Phase
from grille.vocabulary import Answer
from monographs.carnet import carnet_path
from monographs.documents import monograph_html
from monographs.models import Carnet
from monographs.tasks import build_carnet


def text_of(pdf: bytes) -> list[str]:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return [" ".join(p.extract_text().replace("\xa0", " ").replace("’", "'").split()) for p in pages]


def monograph_text(project) -> str:
    return " ".join(text_of(html_to_pdf(monograph_html(project))))


def new_case(project, dla, c2ra):
    """A case of today, not from the notebook: no authors' wording, only the app's data."""
    Organisation.objects.filter(pk=dla.pk).update(name="DLA du Nord")
    second = Organisation.objects.create(kind=OrganisationKind.DLA, name="DLA du Pas-de-Calais",
                                         departement_id="62", region_id="32")
    ProjectPilot.objects.bulk_create([ProjectPilot(project=project, organisation=second),
                                      ProjectPilot(project=project, organisation=c2ra)])
    Project.objects.filter(pk=project.pk).update(
        ic_type=ICType.SHARED_SOLUTION, strategic_objective="Maintenir l'offre d'insertion",
        territory_description="Bassin minier et littoral",
    )
    for i, status in enumerate([ParticipationStatus.COMMITTED] * 3 + [ParticipationStatus.WITHDREW, ParticipationStatus.IDENTIFIED]):
        structure = BeneficiaryStructure.objects.create(
            name=f"Association {i}", legal_form=LegalForm.ASSOCIATION, sector_id="insertion",
            departement_id="59",
        )
        ProjectStructure.objects.create(
            project=project, structure=structure, status=status,
            withdrawal_reason="Conseil d'administration indisponible" if status == ParticipationStatus.WITHDREW else "",
        )
    ddtefp = Partner.objects.create(name="DDETS du Nord", kind=PartnerKind.STATE)
    region = Partner.objects.create(name="Conseil régional Hauts-de-France", kind=PartnerKind.REGION)
    for partner, role in ((ddtefp, PartnerRole.CONCEPTION), (ddtefp, PartnerRole.FUNDER), (region, PartnerRole.FUNDER)):
        ProjectPartner.objects.create(project=project, partner=partner, role=role)
    Objective.objects.create(project=project, kind=ObjectiveKind.OPERATIONAL, text="Mutualiser l'encadrement")
    BudgetTranche.objects.create(project=project, label="Étude", amount=Decimal("9000"),
                                 days=Decimal("10"))
    grille = Grille.objects.create(project=project, status=GrilleStatus.VALIDATED)
    Phase.objects.create(grille=grille, position=1, label="Phase 1", title="Diagnostic partagé",
                         days=Decimal("4"))
    EvaluationAnswer.objects.create(grille=grille, question="innovation", answer=Answer.YES,
                                    text="Un jeu de rôle inédit")
    return project


def test_a_new_case_prints_what_the_app_knows_anonymously(project, dla, c2ra):
    text = monograph_text(new_case(project, dla, c2ra))

    assert "Production d'une solution individuelle et/ou collective avec les structures" in text
    assert "3 structures ont participé sur un potentiel de 5 ; 1 s'est retirée" in text
    assert "Bassin minier et littoral" in text
    assert "Pilotage : 2 DLA et un DLA régional (C2RA)" in text
    assert "Partenaires : Services de l'État (conception, financeur) ; " \
           "Conseil régional (financeur)" in text
    assert "Objectif stratégique : Maintenir l'offre d'insertion" in text
    assert "Phase 1 : Diagnostic partagé (4 j)" in text
    assert "Espace d'innovation Oui" in text and "Un jeu de rôle inédit" in text  # as answered
    for name in ("DLA du Nord", "DLA du Pas-de-Calais", "DLA régional", "DDETS du Nord",
                 "Hauts-de-France", "Association 0"):
        assert name not in text.replace("DLA régional (C2RA)", ""), name
    assert "Document généré le" in text  # the page's own date, not a filler answer
    assert "ne renseigne pas" not in text


def test_the_comite_d_appui_gives_its_two_opinions_and_both_are_printed(
    client, project, charge_mission, dla, c2ra
):
    new_case(project, dla, c2ra)
    committee = Committee.objects.create(project=project, kind=CommitteeKind.APPUI)
    client.force_login(charge_mission)
    url = reverse("cycle:project_committees", args=[project.pk])
    response = client.post(url, {
        "action": "opinion", "avis-opinion": "Avis favorable sur la démarche",
        "avis-opinion_on": "2025-03-03",
        "avis-capitalisation_opinion": "La matrice d'analyse est transférable aux réseaux",
        "avis-capitalisation_opinion_on": "2025-11-20",
    }, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    committee.refresh_from_db()
    assert committee.opinion == "Avis favorable sur la démarche"
    assert committee.capitalisation_opinion == "La matrice d'analyse est transférable aux réseaux"
    assert committee.capitalisation_opinion_on == datetime.date(2025, 11, 20)
    assert "La matrice d&#x27;analyse est transférable aux réseaux" in response.content.decode()
    text = monograph_text(project)
    assert "Avis du comité d'appui (3 mars 2025) : Avis favorable sur la démarche" in text
    assert "Avis du comité d'appui sur la capitalisation 20 novembre 2025 : " \
           "La matrice d'analyse est transférable aux réseaux" in text


SEED_TITLES = [
    "Pérenniser un réseau départemental environnement et patrimoine",
    "Éclairage fiscal des recycleries et ressourceries",
    "Pérenniser des emplois « environnement »",
    "Consolider et pérenniser l'offre d'insertion sur un territoire",
]


def test_a_c2ra_chooses_the_carnets_order_and_gets_the_grilles_introduction(
    client, db, django_user_model
):
    call_command("load_demo", stdout=io.StringIO())
    admin = django_user_model.objects.get(username="admin")
    projects = {p.title: p for p in Project.objects.filter(title__in=SEED_TITLES)}
    client.force_login(admin)
    form = client.get(reverse("monographs:carnet_create")).content.decode()
    assert all(f'name="rang_{p.pk}"' in form for p in projects.values())
    assert reverse("monographs:monograph_detail", args=[projects[SEED_TITLES[0]].pk]) in form

    data = {"title": "Carnet environnement", "projects": [p.pk for p in projects.values()]}
    data |= {f"rang_{projects[title].pk}": rank for rank, title in enumerate(SEED_TITLES, 1)}
    response = client.post(reverse("monographs:carnet_create"), data)

    carnet = Carnet.objects.get()
    assert response.status_code == 302
    assert carnet.order == [projects[title].pk for title in SEED_TITLES]
    build_carnet.call(carnet.pk)
    pages = text_of(carnet_path(carnet).read_bytes())
    starts = [
        next(i for i, page in enumerate(pages) if page.startswith(f"MONOGRAPHIE : {t.upper()}"[:40]))
        for t in SEED_TITLES
    ]
    assert starts == sorted(starts)
    front = " ".join(pages[: starts[0]])
    assert "Clés de lecture d'une ingénierie collective" in front
    assert "Les 4 monographies présentées dans ce carnet ont été réalisées à partir d'une " \
           "enquête auprès des prestataires" in front
    assert "La grille d'enquête se décompose en 3 parties" in front
    assert "L'ingénierie a-t-elle constitué un espace d'innovation ?" in front
    assert re.search(r"Une structure Des besoins identiques ou semblables", front)
    author = PdfReader(carnet_path(carnet)).metadata.author
    assert "admin" not in author and "DLA du" not in author


def test_a_bad_rank_is_refused_beside_the_field_and_the_input_kept(client, db, django_user_model):
    call_command("load_demo", stdout=io.StringIO())
    client.force_login(django_user_model.objects.get(username="admin"))
    project = Project.objects.get(title=SEED_TITLES[0])
    response = client.post(reverse("monographs:carnet_create"), {
        "title": "Mon carnet", "projects": [project.pk], f"rang_{project.pk}": "0",
    })
    html = response.content.decode()
    assert response.status_code == 400
    assert "Le rang commence à 1." in html and 'value="Mon carnet"' in html
    assert not Carnet.objects.exists()


def test_a_phase_prints_its_participants_only_when_the_sessions_gave_them(project, dla, c2ra):
    """Written at the grille's hand-in from the sessions (issue 17); a phase without them,
    as every seed monograph's, prints as before."""
    case = new_case(project, dla, c2ra)
    Phase.objects.create(grille=case.grille, position=2, label="Phase 2", title="Ateliers",
                         days=Decimal("1.5"), participants=7)

    text = monograph_text(case)

    assert "Phase 1 : Diagnostic partagé (4 j)" in text
    assert "Phase 2 : Ateliers (1,5 j, 7 participants)" in text
