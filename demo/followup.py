"""The structures' follow-up (issue 17): a closed seed IC whose structures answered at N
(on the phone to the chargée de mission) and at N+1 (one in the app, through its
representative), and whose N+2 questionnaires are due since a few days. The follow-up is
dated from today, two years back, so that the demo stays alive whatever the day.
Idempotent: scheduled once (get_or_create), each answer written once."""

from datetime import timedelta
from decimal import Decimal

from accounts.models import Role, User
from agenda import selectors as agenda
from cycle.models import Project
from directory.models import StructureContact
from followup import services
from followup.models import Questionnaire
from followup.vocabulary import Channel

FOLLOWUP_IC = "Consolider et pérenniser l'offre d'insertion sur un territoire"
REPRESENTATIVE = ("asso-vallees", "Camille", "Roux", "Vallées Vertes Insertion")
N2_DUE_DAYS_AGO = 3

# structure -> (N answers, N+1 answers); N+1 None: not answered (the indicators say so)
ANSWERS = {
    "Vallées Vertes Insertion": (
        {"jobs_fte": "6.5", "permanent_contracts": 4, "annual_budget": "310000",
         "result": "-4200", "own_funds": "18000", "volunteers": 12, "partnerships": 3,
         "outcome_in_use": "oui"},
        {"jobs_fte": "7.5", "permanent_contracts": 5, "annual_budget": "335000",
         "result": "2100", "own_funds": "21000", "volunteers": 14, "partnerships": 5,
         "outcome_in_use": "oui", "comment": "Un poste d'encadrant technique pérennisé."},
    ),
    "Littoral Nature Services": (
        {"jobs_fte": "3", "permanent_contracts": 2, "annual_budget": "140000",
         "result": "800", "own_funds": "9500", "volunteers": 5, "partnerships": 2,
         "outcome_in_use": "en_partie"},
        None,
    ),
    "Chantier des Restanques de la Roya": (
        {"jobs_fte": "4.25", "permanent_contracts": 3, "annual_budget": "205000",
         "result": "-1500", "own_funds": "-3000", "volunteers": 8, "partnerships": 1,
         "outcome_in_use": "oui"},
        {"jobs_fte": "4.5", "permanent_contracts": 3, "annual_budget": "198000",
         "result": "1200", "own_funds": "-1800", "volunteers": 9, "partnerships": 2,
         "outcome_in_use": "en_partie"},
    ),
}


def _closed_on():
    day = agenda.today() - timedelta(days=N2_DUE_DAYS_AGO)
    try:
        return day.replace(year=day.year - 2)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 2, day=28)


def _pilot(project) -> User | None:
    return User.objects.filter(
        is_active=True, role=Role.CHARGE_MISSION,
        organisation__pilotages__project=project, organisation__pilotages__is_referent=True,
    ).order_by("pk").first()


def _representative(password: str) -> User:
    username, first_name, last_name, structure = REPRESENTATIVE
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(
            username=username, password=password, role=Role.STRUCTURE,
            first_name=first_name, last_name=last_name, email=f"{username}@structures.example",
        )
    project_structure = Project.objects.get(title=FOLLOWUP_IC).participations.get(
        structure__name=structure
    )
    StructureContact.objects.get_or_create(
        user=user, defaults={"structure": project_structure.structure}
    )
    return user


def _answer(questionnaire, answers, by, channel) -> None:
    if questionnaire.answered or answers is None:
        return
    typed = {k: Decimal(v) if isinstance(v, str) and k != "outcome_in_use" and k != "comment"
             else v for k, v in answers.items()}
    services.answer(questionnaire=questionnaire, by=by, answers=typed, channel=channel)


def load(*, password: str) -> list[str]:
    project = Project.objects.filter(title=FOLLOWUP_IC).first()
    if project is None:
        return []
    representative = _representative(password)
    services.schedule(project=project, closed_on=_closed_on())
    pilot = _pilot(project)
    rows = Questionnaire.objects.filter(participation__project=project).select_related(
        "participation__structure"
    )
    for q in rows:
        at_n, at_n1 = ANSWERS.get(q.participation.structure.name, (None, None))
        if q.year == 0:
            _answer(q, at_n, pilot, Channel.PHONE)
        elif q.year == 1:
            rep_answers = q.participation.structure.name == REPRESENTATIVE[3]
            by, channel = (representative, Channel.APP) if rep_answers else (pilot, Channel.PHONE)
            _answer(q, at_n1, by, channel)
    return [representative.username]
