"""Read side of the grille: the project's facts it shows, its content, what is missing.

``load_sheet`` reads everything one page needs in a fixed number of queries;
``missing`` says, per part, in French, what is still to be filled in.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from cycle.models import Project
from cycle.rules import visible_q
from cycle.vocabulary import ObjectiveKind, ParticipationStatus, PartnerRole

from .models import Grille, GrilleTransitionLog
from .vocabulary import MAIN, QUESTIONS, Axis, Part


def visible_project_or_404(user, project_pk) -> Project:
    """The IC if ``user`` may see it; a 404 otherwise (never a 403: no existence leak)."""
    projects = Project.objects.all()
    q = visible_q(user)
    if q is not None:
        projects = projects.filter(pk__in=Project.objects.filter(q).values("pk"))
    try:
        return projects.get(pk=project_pk)
    except Project.DoesNotExist as error:
        raise Http404(_("Ingénierie collective introuvable.")) from error


@dataclass
class ProjectFacts:
    """What the grille shows from the project: one source, read here, edited there."""

    project: Project
    pilots: list
    partnerships: list
    objectives: list
    participations: list
    tranches: list
    sectors: list
    assignments: list
    cost: Decimal = Decimal("0")
    days: Decimal = Decimal("0")

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


def project_facts(project: Project) -> ProjectFacts:
    tranches = list(project.budget_tranches.all())
    return ProjectFacts(
        project=project,
        pilots=list(project.pilotages.select_related("organisation").order_by("-is_referent")),
        partnerships=list(project.partnerships.select_related("partner")),
        objectives=list(project.objectives.filter(kind=ObjectiveKind.OPERATIONAL)),
        participations=list(
            project.participations.exclude(status=ParticipationStatus.WITHDREW)
            .select_related("structure__sector")
        ),
        tranches=tranches,
        sectors=list(project.sectors.all()),
        assignments=list(
            project.assignments.select_related("prestataire").prefetch_related("intervenants")
        ),
        cost=sum((t.amount for t in tranches), Decimal("0")),
        days=sum((t.days for t in tranches), Decimal("0")),
    )


@dataclass
class Sheet:
    """A grille with its content and the project's facts, loaded once."""

    grille: Grille
    facts: ProjectFacts
    themes: list = field(default_factory=list)
    phases: list = field(default_factory=list)
    answers: dict = field(default_factory=dict)  # (question, sub_question) -> EvaluationAnswer
    plan_links: dict = field(default_factory=dict)  # participation_id -> StructurePlanLink

    def themes_by_axis(self) -> list[tuple[str, list]]:
        return [
            (axis.label, [t for t in self.themes if t.axis == axis])
            for axis in Axis
            if any(t.axis == axis for t in self.themes)
        ]

    def phase_days(self) -> Decimal:
        return sum((p.days or Decimal("0") for p in self.phases), Decimal("0"))


def load_sheet(project: Project, grille: Grille | None = None) -> Sheet:
    grille = grille or Grille.objects.get(project=project)
    sheet = Sheet(grille=grille, facts=project_facts(project))
    if grille.pk is None:  # a blank draft, not saved yet
        return sheet
    sheet.themes = list(grille.themes.all())
    sheet.phases = list(grille.phases.all())
    sheet.answers = {(a.question, a.sub_question): a for a in grille.answers.all()}
    sheet.plan_links = {link.participation_id: link for link in grille.plan_links.all()}
    return sheet


def _answered(answer) -> bool:
    return answer is not None and bool(answer.answer or answer.text.strip())


def missing(sheet: Sheet) -> dict[int, list[str]]:
    """Per part, what is still missing (empty list: the part is complete)."""
    g, f = sheet.grille, sheet.facts
    p = f.project
    in_project = _("(fiche de l'IC, renseignée par le chargé de mission)")
    part1 = [
        message
        for ok, message in (
            (f.pilots, _("Le pilotage (DLA, C2RA)")),
            (p.ic_type, _("Le type d'ingénierie collective")),
            (f.partnerships, _("La construction partenariale (au moins un partenaire)")),
            (p.problem_origin, _("L'origine de la problématique")),
            (p.problem_statement.strip(), _("La problématique")),
            (f.objectives, _("Au moins un objectif opérationnel")),
            (f.tranches, _("Le coût et le nombre de journées (budget)")),
            (f.participations, _("Les structures bénéficiaires")),
            (p.territorial_scale, _("L'échelle territoriale")),
            (f.sectors, _("Le secteur d'activité")),
        )
        if not ok
    ]
    part1 = [f"{m} {in_project}" for m in part1]
    if not g.intervenant_system.strip():
        part1.append(_("Le système intervenant"))
    if not g.roles_split.strip():
        part1.append(_("La répartition des fonctions"))

    part2 = [
        message
        for ok, message in (
            (sheet.themes, _("Au moins un contenu abordé (thème)")),
            (g.intervention_mode, _("Le mode d'intervention")),
            (g.duration_months, _("La durée en mois")),
            (g.course_description.strip(), _("Le déroulement de l'accompagnement")),
            (g.work_method, _("La méthode de travail")),
            (g.intervention_types, _("Au moins un type d'intervention")),
            (sheet.phases, _("Au moins une phase")),
        )
        if not ok
    ]

    part3 = [
        _("Question « %(question)s »") % {"question": q.heading}
        for q in QUESTIONS
        if not _answered(sheet.answers.get((q.code, MAIN)))
    ]
    if not g.strengths.strip():
        part3.append(_("Les points positifs"))
    if not g.watchpoints.strip():
        part3.append(_("Les points de vigilance"))
    return {Part.PRESENTATION: part1, Part.ACTIONS: part2, Part.EVALUATION: part3}


def missing_in_grille(sheet: Sheet) -> dict[int, list[str]]:
    """Only what the grille itself lacks (not the project's facts)."""
    suffix = _("(fiche de l'IC, renseignée par le chargé de mission)")
    return {
        part: [m for m in items if not m.endswith(suffix)]
        for part, items in missing(sheet).items()
    }


def project_grille_logs(project: Project) -> QuerySet[GrilleTransitionLog]:
    """The grille's workflow steps, for the project's timeline."""
    return GrilleTransitionLog.objects.filter(grille__project=project).select_related("by")

