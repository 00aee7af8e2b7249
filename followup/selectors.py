"""Reads: an IC's questionnaires for its team, a structure's own, one questionnaire for the
person who may see it, the prefill, the indicators, the page link and the space's section."""

from collections import Counter, defaultdict

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.rules import structure_id
from agenda import selectors as agenda
from cycle.models import Project
from cycle.page_links import PageLink
from cycle.states import State

from . import indicators, rules
from .models import Questionnaire
from .questions import BY_CODE, INDICATORS, Kind, StillUsed
from .vocabulary import Year


def _questionnaires():
    return Questionnaire.objects.select_related(
        "participation__structure", "participation__project", "answered_by"
    )


def team_project(user, pk) -> Project:
    """The IC, for its DLA team (and admins); 404 for anyone else (never reveal it)."""
    project = get_object_or_404(Project, pk=pk)
    if not rules.reads_project(user, project):
        raise Http404
    return project


def project_questionnaires(project) -> list[Questionnaire]:
    return list(_questionnaires().filter(participation__project=project))


def structure_questionnaires(user, project) -> list[Questionnaire]:
    """The questionnaires of the representative's own structure in ``project``."""
    sid = structure_id(user)
    if sid is None:
        return []
    return list(
        _questionnaires().filter(participation__project=project, participation__structure_id=sid)
    )


def questionnaire_for(user, pk) -> tuple[Questionnaire, bool]:
    """A questionnaire and whether ``user`` may answer it. 404 for whoever may not see it;
    403 for a reader (C2RA) sending answers is the view's."""
    questionnaire = get_object_or_404(_questionnaires(), pk=pk)
    project = questionnaire.participation.project
    if user.role == Role.STRUCTURE:
        if not rules.answers_for_structure(user, questionnaire):
            raise Http404
        return questionnaire, True
    if not rules.reads_project(user, project):
        raise Http404
    return questionnaire, rules.enters_for_project(user, project)


def today():
    return agenda.today()


def is_open(questionnaire) -> bool:
    """Answerable once due (N+1 and N+2 wait for their year)."""
    return questionnaire.due_on <= agenda.today()


def prefill(questionnaire) -> dict:
    """Its own answers, else the structure's last answers (any IC): a year later most
    figures move little, so the representative corrects rather than retypes."""
    if questionnaire.answered:
        return _typed(questionnaire.answers)
    last = (
        Questionnaire.objects.filter(
            participation__structure_id=questionnaire.participation.structure_id,
            answered_at__isnull=False,
        )
        .order_by("-answered_at", "-pk")
        .values_list("answers", flat=True)
        .first()
    )
    return _typed({k: v for k, v in (last or {}).items() if k != "comment"})


def _typed(answers: dict) -> dict:
    """Decimals stored as text, back to numbers: the form writes them the French way."""
    return {
        code: indicators.number(value)
        if code in BY_CODE and BY_CODE[code].kind == Kind.DECIMAL else value
        for code, value in answers.items()
    }


def indicator_rows(questionnaires) -> list[tuple[str, list]]:
    """[(structure name, its Changes)] by structure name."""
    grouped = defaultdict(list)
    for q in questionnaires:
        grouped[q.participation.structure.name].append(q)
    day = agenda.today()
    return [(name, indicators.structure_changes(qs, day)) for name, qs in sorted(grouped.items())]


def project_indicators(questionnaires) -> dict:
    rows = indicator_rows(questionnaires)
    return {
        "rows": rows,
        "totals": indicators.project_totals(rows),
        "charts": [
            (indicators.BY_CODE[code].label, indicators.chart(code, rows)) for code in INDICATORS
        ] if rows else [],
    }


def monograph_effects(project) -> dict | None:
    """The monograph's « Effets à N+2 »: the IC's totals and the use of its outcome, never a
    structure's name (anonymised like the rest). None until a structure answered N+2."""
    questionnaires = project_questionnaires(project)
    final = [q for q in questionnaires if q.year == Year.N2 and q.answered]
    if not final:
        return None
    used = Counter(q.answers.get("outcome_in_use") for q in final)
    return {
        "totals": indicators.project_totals(indicator_rows(questionnaires)),
        "still_used": [(label, used[value]) for value, label in StillUsed.choices if used[value]],
        "answered": len(final),
    }


def followup_link(user, project) -> PageLink | None:
    """The IC page's link to its follow-up, for its DLA team once the IC is closed (the
    representatives find theirs in their « Espace structure »). No query: the IC's page
    keeps its count."""
    if user.role in (Role.STRUCTURE, Role.INTERVENANT) or project.state != State.CLOSED:
        return None
    return PageLink(
        label=_("Suivi à N+1 et N+2"),
        url=reverse("followup:project", args=[project.pk]),
        testid="followup-link",
    )


def structure_section(user, project) -> dict | None:
    """The « Espace structure »'s questionnaires of the representative's own structure."""
    questionnaires = structure_questionnaires(user, project)
    if not questionnaires:
        return None
    day = agenda.today()
    return {
        "template": "followup/_structure_section.html",
        "questionnaires": questionnaires,
        "today": day,
    }


def deny_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
