"""The monograph of an IC, read from its grille and its project, as HTML for page and PDF."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.template.loader import render_to_string

from cycle.models import Objective, Project, ProjectPartner, ProjectStructure
from cycle.vocabulary import ICType, NeedKind, ObjectiveKind, ParticipationStatus
from grille.models import GrilleStatus
from grille.vocabulary import MAIN, QUESTIONS, Axis, InterventionType


@dataclass
class EvaluationItem:
    heading: str
    answer: str
    text: str
    details: list[tuple[str, str, str]]  # (sub-question, answer, text)


def monograph_queryset(projects: QuerySet[Project]) -> QuerySet[Project]:
    return projects.select_related("grille").prefetch_related(
        "sectors", "departements", "regions", "budget_tranches",
        "pilotages__organisation",
        Prefetch("objectives", queryset=Objective.objects.order_by("position", "pk")),
        Prefetch("partnerships", queryset=ProjectPartner.objects.select_related("partner")),
        Prefetch(
            "participations",
            queryset=ProjectStructure.objects.select_related("structure").filter(
                status=ParticipationStatus.COMMITTED
            ),
            to_attr="committed",
        ),
        "grille__themes", "grille__phases", "grille__answers",
    )


def published_projects(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Only a validated grille may be published."""
    return monograph_queryset(projects.filter(grille__status=GrilleStatus.VALIDATED)).order_by(
        "title"
    )


def _evaluation(grille) -> list[EvaluationItem]:
    answers = {(a.question, a.sub_question): a for a in grille.answers.all()}
    items = []
    for question in QUESTIONS:
        main = answers.get((question.code, MAIN))
        details = [
            (str(sub.label), a.get_answer_display(), a.text)
            for sub in question.sub_questions
            if (a := answers.get((question.code, sub.code))) and (a.answer or a.text)
        ]
        if (main and (main.answer or main.text)) or details:
            items.append(EvaluationItem(
                str(question.heading), main.get_answer_display() if main else "",
                main.text if main else "", details,
            ))
    return items


def _contents_by_axis(grille) -> list[tuple[str, list[str]]]:
    themes = list(grille.themes.all())
    grouped = [(axis.label, [t.label for t in themes if t.axis == axis]) for axis in Axis]
    return [(axis, labels) for axis, labels in grouped if labels]


def monograph_context(project: Project) -> dict:
    grille = project.grille
    objectives = list(project.objectives.all())
    tranches = list(project.budget_tranches.all())
    committed = project.committed
    return {
        "project": project,
        "grille": grille,
        "draft": grille.status != GrilleStatus.VALIDATED,
        "referent": next((p.organisation for p in project.pilotages.all() if p.is_referent), None),
        "pilots": [p.organisation for p in project.pilotages.all()],
        "committed_count": len(committed),
        # Anonymised by default: a structure is named only with its recorded consent.
        "named_structures": [p.structure.name for p in committed if p.publication_consent],
        "operational_objectives": [o for o in objectives if o.kind == ObjectiveKind.OPERATIONAL],
        "tranches": tranches,
        "total_amount": sum((t.amount for t in tranches), start=0),
        "total_days": sum((t.days for t in tranches), start=0),
        "partnerships": list(project.partnerships.all()),
        "contents": _contents_by_axis(grille),
        "intervention_types": [
            InterventionType(code).label for code in grille.intervention_types
            if code in InterventionType.values
        ],
        "phases": list(grille.phases.all()),
        "evaluation": _evaluation(grille),
    }


def monograph_html(project: Project, *, first_page: int | None = None) -> str:
    project = monograph_queryset(Project.objects.filter(pk=project.pk)).get()
    context = monograph_context(project) | {"first_page": first_page}
    return render_to_string("monographs/monograph_pdf.html", context)


def fiche_technique_context() -> dict:
    return {
        "ic_types": {choice.value: choice.label for choice in ICType},
        "need_kinds": {choice.value: choice.label for choice in NeedKind},
    }
