"""Sessions with invitations, answers and attendance in the two ICs of the demo's structure
representatives (issue 17): one held last week with its attendance recorded, one next week
the representative has answered, each in a planned phase of its IC (so that the grille's
part 2 shows the days its sessions give). Idempotent: a session is written once (IC and
title), a planned phase declared once, a session linked once."""

from datetime import time, timedelta
from decimal import Decimal

from accounts.models import Role, User
from agenda.selectors import today
from cycle import services as cycle
from cycle.models import BudgetTranche, PlannedPhase, Project, ProjectStructure
from cycle.states import State
from cycle.vocabulary import ParticipationStatus
from directory.models import Intervenant, Partner, StructureContact
from directory.vocabulary import PartnerKind
from meetings import selectors, services
from meetings.models import Meeting
from meetings.vocabulary import Answer

from .agenda import CLAIRE_IC, PAUL_IC

# IC, title, days from today, start, end, place, agenda
SESSIONS = (
    (CLAIRE_IC, "Atelier 1 – Diagnostic partagé des modèles économiques", -7, time(9, 30),
     time(12, 30), "Maison des associations, Hazebrouck",
     "Tour de table ; lecture croisée des comptes ; priorités communes."),
    (CLAIRE_IC, "Atelier 2 – Pistes de mutualisation", 7, time(14, 0), time(17, 0),
     "Tiers-lieu Le Moulin, Bailleul", "Restitution du diagnostic ; pistes à approfondir."),
    (PAUL_IC, "Rencontre thématique – Achats groupés", -10, time(9, 0), time(12, 0),
     "Épicerie Le Panier, Cambrai", "Volumes, fournisseurs, logistique partagée."),
    (PAUL_IC, "Atelier – Logistique du dernier kilomètre", 5, time(14, 0), time(16, 30), "",
     "Circuits de livraison ; calendrier commun."),
)
# The demo ICs' planned phases (their projet d'intervention; declared here when an IC has
# none) and the one each session belongs to: the grille's part 2 reads their days.
PLANNED = {
    CLAIRE_IC: (("Diagnostic partagé", Decimal("2")), ("Pistes de mutualisation", Decimal("3"))),
    PAUL_IC: (("Diagnostic des approvisionnements", Decimal("2")),
              ("Ateliers de mutualisation", Decimal("3"))),
}
PHASE_OF = {
    "Atelier 1 – Diagnostic partagé des modèles économiques": "Diagnostic partagé",
    "Atelier 2 – Pistes de mutualisation": "Pistes de mutualisation",
    "Rencontre thématique – Achats groupés": "Diagnostic des approvisionnements",
    "Atelier – Logistique du dernier kilomètre": "Ateliers de mutualisation",
}
FSE = "Fonds social européen (FSE+)"
VIDEO = "https://visio.example.org/epiceries-cambresis"


def _plan(project, title, offset, start, end, place, agenda) -> Meeting:
    structures = [p.structure for p in ProjectStructure.objects.filter(
        project=project, status=ParticipationStatus.COMMITTED
    ).select_related("structure").order_by("structure__name")[:4]]
    pilot = project.created_by or User.objects.filter(
        role=Role.CHARGE_MISSION, organisation__pilotages__project=project
    ).order_by("pk").first()
    return services.create_meeting(
        project=project, by=pilot,
        fields={"title": title, "phase": State.MISE_EN_OEUVRE,
                "held_on": today() + timedelta(days=offset), "starts_at": start, "ends_at": end,
                "place": place, "video_url": "" if place else VIDEO, "agenda": agenda},
        invited={s: 2 for s in structures},
        intervenants=Intervenant.objects.filter(prestataire__assignments__project=project),
    )


def _answer(meeting) -> None:
    for invitation in meeting.invitations.all():
        contact = StructureContact.objects.filter(structure=invitation.structure).first()
        if contact is not None:
            services.answer_invitation(invitation=invitation, by=contact.user,
                                       answer=Answer.YES, attending=2)


def _attend(meeting) -> None:
    """The representatives' names from their accounts, the others typed; everyone came
    but the second person of every other structure."""
    typed = iter(["Marc Delattre", "Sonia Lefebvre", "Hugo Vandamme", "Inès Carpentier",
                  "Jules Caron", "Nadia Haddad", "Paul Lemaire", "Chloé Dumont"])
    lines = [
        {"structure": line.structure, "slot": line.slot,
         "name": line.name or next(typed, ""), "present": line.slot == 1 or index % 2 == 0}
        for index, line in enumerate(selectors.expected_lines(meeting))
    ]
    services.record_attendance(meeting=meeting, by=meeting.created_by, lines=lines)


def _fse_cofunds(title) -> None:
    """The European Social Fund co-funds claire's IC: its émargement sheets say so."""
    fse, _created = Partner.objects.get_or_create(
        name=FSE, defaults={"kind": PartnerKind.OTHER, "european_social_fund": True}
    )
    if not fse.european_social_fund:  # a database loaded before the flag existed
        fse.european_social_fund = True
        fse.save()
    tranche = BudgetTranche.objects.filter(project__title=title).order_by("position", "pk").first()
    if tranche is not None and not tranche.funders.filter(pk=fse.pk).exists():
        tranche.funders.add(fse)  # once: adding again would write its history again


def _planned_phases(project) -> dict[str, PlannedPhase]:
    """The IC's planned phases by title; the demo's declared if it has none."""
    if not project.planned_phases.exists():
        for title, days in PLANNED.get(project.title, ()):
            cycle.add_planned_phase(project, title=title, days=days)
    return {phase.title: phase for phase in project.planned_phases.all()}


def _link(project) -> None:
    """Each session to its planned phase, once (a session already linked is left alone)."""
    phases = _planned_phases(project)
    for name, phase_title in PHASE_OF.items():
        if phase_title in phases:
            Meeting.objects.filter(project=project, title=name, planned_phase__isnull=True).update(
                planned_phase=phases[phase_title]
            )


def load() -> int:
    _fse_cofunds(CLAIRE_IC)
    planned = 0
    for title, name, offset, *rest in SESSIONS:
        project = Project.objects.get(title=title)
        if Meeting.objects.filter(project=project, title=name).exists():
            continue
        meeting = _plan(project, name, offset, *rest)
        _answer(meeting)
        if offset < 0:
            _attend(meeting)
        planned += 1
    for project in Project.objects.filter(title__in=PLANNED):
        _link(project)
    return planned
