"""The monograph of an IC, read from its grille and its project, as HTML for page and PDF."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cycle.models import Committee, Objective, Project, ProjectPartner, tranche_totals
from cycle.vocabulary import (
    CommitteeKind,
    ICType,
    NeedKind,
    ObjectiveKind,
    ParticipationStatus,
    PartnerRole,
)
from directory.vocabulary import OrganisationKind, PartnerKind
from followup import selectors as followup
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
        "participations__structure",
        Prefetch(
            "committees", queryset=Committee.objects.filter(kind=CommitteeKind.APPUI),
            to_attr="support_committees",
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


def _pilotage(pilotages) -> str:
    """The pilots counted, never named: « 5 DLA et 1 DLA régional (C2RA) »."""
    kinds = [p.organisation.kind for p in pilotages]
    parts = []
    if dlas := kinds.count(OrganisationKind.DLA):
        parts.append(ngettext("un DLA", "%(count)d DLA", dlas) % {"count": dlas})
    if c2ras := kinds.count(OrganisationKind.C2RA):
        parts.append(ngettext(
            "un DLA régional (C2RA)", "%(count)d DLA régionaux (C2RA)", c2ras
        ) % {"count": c2ras})
    return _(" et ").join(parts)


def _participation_counts(participations) -> str:
    """In the notebook's style: « 7 structures ont participé sur un potentiel de 12 »."""
    statuses = [p.status for p in participations]
    committed = statuses.count(ParticipationStatus.COMMITTED)
    withdrew = statuses.count(ParticipationStatus.WITHDREW)
    text = ngettext(
        "%(count)d structure a participé", "%(count)d structures ont participé", committed
    ) % {"count": committed}
    if len(statuses) > committed:
        text += _(" sur un potentiel de %(potential)d") % {"potential": len(statuses)}
    if withdrew:
        text += ngettext(
            " ; %(count)d s'est retirée", " ; %(count)d se sont retirées", withdrew
        ) % {"count": withdrew}
    return text


def _kind_label(kind: str) -> str:
    """« Services de l'État », without the examples the directory's label adds."""
    return str(PartnerKind(kind).label).split(" (")[0]


def _partners(partnerships) -> list[tuple[str, list[str]]]:
    """Partners anonymised by kind (a council's name gives its département), with their roles."""
    by_kind: dict[str, tuple[set, set]] = {}
    for partnership in partnerships:
        partners, roles = by_kind.setdefault(partnership.partner.kind, (set(), set()))
        partners.add(partnership.partner_id)
        roles.add(partnership.role)
    order = list(PartnerRole)
    return [
        (
            _kind_label(kind) + (f" ({len(partners)})" if len(partners) > 1 else ""),
            [str(role.label).lower() for role in order if role in roles],
        )
        for kind, (partners, roles) in sorted(
            by_kind.items(), key=lambda item: PartnerKind.values.index(item[0])
        )
    ]


def monograph_context(project: Project) -> dict:
    grille = project.grille
    tranches = list(project.budget_tranches.all())
    budget = tranche_totals(tranches)
    participations = list(project.participations.all())
    committed = [p for p in participations if p.status == ParticipationStatus.COMMITTED]
    description = project.beneficiaries_description.strip().splitlines()
    return {
        "project": project,
        "grille": grille,
        "draft": grille.status != GrilleStatus.VALIDATED,
        "subtitle": grille.type_wording or project.get_ic_type_display(),
        "pilotage": _pilotage(project.pilotages.all()),
        # The authors' own words first; the counts the app knows otherwise.
        "beneficiaries_first": description[:1] or [_participation_counts(participations)],
        "beneficiaries_rest": description[1:],
        # Anonymised by default: a structure is named only with its recorded consent.
        "named_structures": [p.structure.name for p in committed if p.publication_consent],
        "operational_objectives": project.objectives_by_kind()[ObjectiveKind.OPERATIONAL],
        "tranches": tranches,
        "total_amount": budget["amount"],
        "total_days": budget["days"],
        "partners": _partners(project.partnerships.all()),
        "support_committee": next(iter(project.support_committees), None),
        "contents": _contents_by_axis(grille),
        "intervention_types": [
            InterventionType(code).label for code in grille.intervention_types
            if code in InterventionType.values
        ],
        "phases": list(grille.phases.all()),
        "evaluation": _evaluation(grille),
        # The structures' follow-up (an app below): totals only, no structure named.
        "followup_effects": followup.monograph_effects(project),
    }


def monograph_html(project: Project, *, first_page: int | None = None) -> str:
    project = monograph_queryset(Project.objects.filter(pk=project.pk)).get()
    return fetched_monograph_html(project, first_page=first_page)


def fetched_monograph_html(project: Project, *, first_page: int | None = None) -> str:
    """``monograph_html`` of a project already read through ``monograph_queryset`` (a carnet
    reads all its monographs in one go rather than each one again)."""
    context = monograph_context(project) | {"first_page": first_page}
    return render_to_string("monographs/monograph_pdf.html", context)


def fiche_technique_context() -> dict:
    """The carnet's front matter: the fiche technique and the grille's introduction."""
    return {
        "ic_types": {choice.value: choice.label for choice in ICType},
        "need_kinds": {choice.value: choice.label for choice in NeedKind},
        "axes": [str(axis.label).lower() for axis in Axis],
        "intervention_types": [str(t.label).lower() for t in InterventionType],
        "questions": QUESTIONS,
    }
