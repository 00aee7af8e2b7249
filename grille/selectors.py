"""Read side of the grille: the project's facts it shows, its content, what is missing.

``grille_page_project`` reads the IC, its grille, the user's rights and whether each
fact is filled in, in one query; ``load_sheet`` then reads only what the page shows, in
a fixed number of queries; ``missing`` says, per part, in French, what is still to be
filled in.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cycle import guards
from cycle.models import (
    Project,
)
from cycle.vocabulary import PartnerRole
from dla_ic.requirements import Requirement
from dla_ic.requirements import missing as missing_of
from meetings.attendance import by_planned_phase
from workflows.models import TransitionLog

from .models import Grille, GrilleStatus, GrilleTheme, Phase
from .rules import capabilities_of, capability_flags
from .vocabulary import MAIN, QUESTIONS, Axis, Part

FACTS = (
    "pilots", "partnerships", "objectives", "participations", "tranches", "sectors",
    "assignments",
)
CONTENT = ("themes", "phases", "answers", "plan_links")
PROJECT_FACTS = {fact.name: fact for fact in guards.PRESENT}
OPERATIONAL = guards.OPERATIONAL_OBJECTIVES.condition
ENGAGED = guards.CANDIDATES.condition

FACT_LOADERS = {
    "pilots": lambda p: p.pilotages.select_related("organisation").order_by("-is_referent"),
    "partnerships": lambda p: p.partnerships.select_related("partner"),
    "objectives": lambda p: p.objectives.filter(OPERATIONAL),
    "participations": lambda p: p.participations.filter(ENGAGED)
    .select_related("structure__sector"),
    "tranches": lambda p: p.budget_tranches.all(),
    "sectors": lambda p: p.sectors.all(),
    "assignments": lambda p: p.assignments.select_related("prestataire")
    .prefetch_related("intervenants"),
}


def presence_flags() -> dict:
    """``has_<name>``: whether each fact ``missing`` checks is filled in, as annotations
    on Project, so that a page which does not show them reads them with the project.
    The IC's own are the cycle's (``cycle.guards.presence_flags``), which its rules read."""
    project = OuterRef("pk")
    return {
        **guards.presence_flags(),
        "has_themes": Exists(GrilleTheme.objects.filter(grille__project=project)),
        "has_phases": Exists(Phase.objects.filter(grille__project=project)),
    }


def grille_page_project(user, project_pk, *, presence: bool = True) -> Project:
    """The IC with its grille (if any), the user's rights (``capabilities_of``) and, with
    ``presence``, its ``presence_flags``: one query. A 404 if ``user`` may not see it
    (never a 403: no existence leak)."""
    projects = Project.objects.select_related("grille").annotate(
        **capability_flags(user), **(presence_flags() if presence else {})
    )
    project = projects.filter(pk=project_pk).first()
    if project is None or not capabilities_of(user, project)["view"]:
        raise Http404(_("Ingénierie collective introuvable."))
    return project


@dataclass
class ProjectFacts:
    """What the grille shows from the project: one source, read here, edited there.

    Only the facts named in ``loaded`` are read; ``has`` answers for the others from the
    project's ``presence_flags``.
    """

    project: Project
    pilots: list = field(default_factory=list)
    partnerships: list = field(default_factory=list)
    objectives: list = field(default_factory=list)
    participations: list = field(default_factory=list)
    tranches: list = field(default_factory=list)
    sectors: list = field(default_factory=list)
    assignments: list = field(default_factory=list)
    cost: Decimal = Decimal("0")
    days: Decimal = Decimal("0")
    loaded: frozenset = frozenset(FACTS)

    def has(self, name: str) -> bool:
        if name in self.loaded:
            return bool(getattr(self, name))
        return bool(getattr(self.project, f"has_{name}"))

    def partners_for(self, role: str) -> list:
        return [p for p in self.partnerships if p.role == role]

    @property
    def conception_partners(self):
        return self.partners_for(PartnerRole.CONCEPTION)

    @property
    def implementation_partners(self):
        return self.partners_for(PartnerRole.IMPLEMENTATION)

    @property
    def other_partners(self):
        return [
            p for p in self.partnerships
            if p.role not in {PartnerRole.CONCEPTION, PartnerRole.IMPLEMENTATION}
        ]


def _with_presence(project: Project) -> Project:
    """Reads the ``presence_flags`` of a project loaded without them (one query)."""
    if not hasattr(project, "has_themes"):  # the grille's own flags: all of them are read
        flags = Project.objects.filter(pk=project.pk).values(**presence_flags()).get()
        for name, value in flags.items():
            setattr(project, name, value)
    return project


def project_facts(project: Project, names=FACTS) -> ProjectFacts:
    names = frozenset(names)
    if names != frozenset(FACTS):
        _with_presence(project)
    facts = ProjectFacts(project=project, loaded=names)
    for name in names:
        setattr(facts, name, list(FACT_LOADERS[name](project)))
        if name in PROJECT_FACTS:  # the rows in hand answer the cycle's rules
            PROJECT_FACTS[name].given(project, getattr(facts, name))
    facts.cost = sum((t.amount for t in facts.tranches), Decimal("0"))
    facts.days = sum((t.days for t in facts.tranches), Decimal("0"))
    return facts


@dataclass
class Sheet:
    """A grille with its content and the project's facts, loaded once.

    ``loaded`` names the content read; ``has`` answers for the rest from the project's
    ``presence_flags``. ``main_answers`` reads only the answers to the six questions.
    """

    grille: Grille
    facts: ProjectFacts
    themes: list = field(default_factory=list)
    phases: list = field(default_factory=list)
    answers: dict = field(default_factory=dict)  # (question, sub_question) -> EvaluationAnswer
    plan_links: dict = field(default_factory=dict)  # participation_id -> StructurePlanLink
    loaded: frozenset = frozenset(CONTENT)

    def has(self, name: str) -> bool:
        if name in self.loaded or self.grille.pk is None:
            return bool(getattr(self, name))
        return bool(getattr(_with_presence(self.facts.project), f"has_{name}"))

    def themes_by_axis(self) -> list[tuple[str, list]]:
        return [
            (axis.label, [t for t in self.themes if t.axis == axis])
            for axis in Axis
            if any(t.axis == axis for t in self.themes)
        ]

    def phase_days(self) -> Decimal:
        return sum((p.days or Decimal("0") for p in self.phases), Decimal("0"))


def load_sheet(
    project: Project, grille: Grille | None = None, *, facts=FACTS, content=CONTENT
) -> Sheet:
    """The grille and what a page shows of it: ``facts`` among FACTS, ``content`` among
    CONTENT and "main_answers" (everything by default)."""
    grille = grille or Grille.objects.get(project=project)
    content = frozenset(content)
    sheet = Sheet(grille=grille, facts=project_facts(project, facts), loaded=content)
    if grille.pk is None:  # a blank draft, not saved yet
        return sheet
    if "themes" in content:
        sheet.themes = list(grille.themes.all())
    if "phases" in content:
        sheet.phases = list(grille.phases.all())
    if content & {"answers", "main_answers"}:
        answers = grille.answers.all()
        if "answers" not in content:
            answers = answers.filter(sub_question=MAIN)
        sheet.answers = {(a.question, a.sub_question): a for a in answers}
    if "plan_links" in content:
        sheet.plan_links = {link.participation_id: link for link in grille.plan_links.all()}
    return sheet


def _answered(answer) -> bool:
    return answer is not None and bool(answer.answer or answer.text.strip())


# What part 1 needs from the IC itself: the cycle's rules, with their own messages.
PROJECT_REQUIREMENTS = (
    guards.PILOTAGE, guards.IC_TYPE, guards.PARTNERS, guards.PROBLEM_ORIGIN,
    guards.PROBLEM_STATEMENT, guards.OPERATIONAL_OBJECTIVE, guards.BUDGET,
    guards.CANDIDATE_STRUCTURES, guards.TERRITORIAL_SCALE, guards.SECTORS_TARGETED,
)
IN_PROJECT = gettext_lazy("(fiche de l'IC, renseignée par le chargé de mission)")

# What the grille itself must hold, per part.
GRILLE_REQUIREMENTS = {
    Part.PRESENTATION: (
        Requirement(gettext_lazy("Le système intervenant"),
                    lambda s: s.grille.intervenant_system.strip()),
        Requirement(gettext_lazy("La répartition des fonctions"),
                    lambda s: s.grille.roles_split.strip()),
    ),
    Part.ACTIONS: (
        Requirement(gettext_lazy("Au moins un contenu abordé (thème)"),
                    lambda s: s.has("themes")),
        Requirement(gettext_lazy("Le mode d'intervention"), lambda s: s.grille.intervention_mode),
        Requirement(gettext_lazy("La durée en mois"), lambda s: s.grille.duration_months),
        Requirement(gettext_lazy("Le déroulement de l'accompagnement"),
                    lambda s: s.grille.course_description.strip()),
        Requirement(gettext_lazy("La méthode de travail"), lambda s: s.grille.work_method),
        Requirement(gettext_lazy("Au moins un type d'intervention"),
                    lambda s: s.grille.intervention_types),
        Requirement(gettext_lazy("Au moins une phase"), lambda s: s.has("phases")),
    ),
    Part.EVALUATION: (
        *(
            Requirement(
                gettext_lazy("Question « %(question)s »"),
                lambda s, code=q.code: _answered(s.answers.get((code, MAIN))),
                lambda s, heading=q.heading: {"question": heading},
            )
            for q in QUESTIONS
        ),
        Requirement(gettext_lazy("Les points positifs"), lambda s: s.grille.strengths.strip()),
        Requirement(gettext_lazy("Les points de vigilance"),
                    lambda s: s.grille.watchpoints.strip()),
    ),
}


def missing_in_grille(sheet: Sheet) -> dict[int, list[str]]:
    """Per part, only what the grille itself lacks (not the project's facts)."""
    return {
        part: missing_of(sheet, requirements)
        for part, requirements in GRILLE_REQUIREMENTS.items()
    }


def missing(sheet: Sheet) -> dict[int, list[str]]:
    """Per part, what is still missing (empty list: the part is complete): in part 1,
    first what the IC's fiche lacks, by the cycle's rules."""
    gaps = missing_in_grille(sheet)
    project = [
        f"{message} {IN_PROJECT}"
        for message in missing_of(sheet.facts.project, PROJECT_REQUIREMENTS)
    ]
    gaps[Part.PRESENTATION] = project + gaps[Part.PRESENTATION]
    return gaps


@dataclass
class PhaseFigures:
    """What a linked phase shows read-only: its sessions' totals (``sessions`` and
    ``structures`` known only while live), or those frozen at hand-in."""

    days: Decimal
    participants: int
    sessions: int | None = None
    structures: int | None = None
    frozen: bool = False


def phase_attendance(sheet: Sheet) -> dict[int, PhaseFigures]:
    """{planned phase id: its figures}: as the sessions stand for a grille being written
    (one query), as written at hand-in for a handed-in one (no query)."""
    if sheet.grille.status in Grille.SUBMITTED_STATUSES:
        return {
            p.planned_phase_id: PhaseFigures(p.days, p.participants, frozen=True)
            for p in sheet.phases if p.planned_phase_id and p.participants is not None
        }
    return {
        pk: PhaseFigures(t.days, t.participants, t.sessions, t.structures)
        for pk, t in by_planned_phase(sheet.facts.project).items()
    }


def planned_choices(project) -> list[tuple[int, str]]:
    """The IC's planned phases a grille's phase may be linked to."""
    return list(project.planned_phases.order_by("position", "pk").values_list("pk", "title"))


STATUS_LABELS = dict(GrilleStatus.choices)


def grille_logs(grille: Grille) -> list[TransitionLog]:
    """The grille's workflow steps, their statuses' labels read once (not per row)."""
    if grille.pk is None:
        return []
    logs = list(grille.logs.select_related("by"))
    for log in logs:
        log.source_label = STATUS_LABELS.get(log.source, log.source)
        log.target_label = STATUS_LABELS.get(log.target, log.target)
    return logs


def project_grille_logs(projects) -> QuerySet[TransitionLog]:
    """The grilles' workflow steps of ``projects`` (a Project queryset), for the feed; each
    log with its ``project_id``."""
    return (
        TransitionLog.objects.filter(grille__project__in=projects.values("pk"))
        .annotate(project_id=F("grille__project_id"))
        .select_related("by")
    )

