"""The IC's follow-up for its DLA team (questionnaires, indicators, CSV) and one
questionnaire's page (the representative answers, a pilot enters a phone call's answers).
Thin: reads in selectors, writes in services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Role
from dla_ic.concurrency import RecordModifiedError

from . import exports, rules, selectors, services
from .forms import QuestionnaireForm
from .questions import QUESTIONS
from .vocabulary import Channel


@require_GET
def project_followup(request, pk):
    project = selectors.team_project(request.user, pk)
    questionnaires = selectors.project_questionnaires(project)
    context = {
        "project": project,
        "questionnaires": questionnaires,
        "may_enter": rules.enters_for_project(request.user, project),
        "today": selectors.today(),
        **selectors.project_indicators(questionnaires),
    }
    return render(request, "followup/project.html", context)


@require_GET
def project_export(request, pk):
    project = selectors.team_project(request.user, pk)
    return exports.indicators_csv(project, selectors.project_questionnaires(project))


def _back(user, questionnaire) -> str:
    project_id = questionnaire.participation.project_id
    if user.role == Role.STRUCTURE:
        return reverse("cycle:structure_space", args=[project_id])
    return reverse("followup:project", args=[project_id])


def _after_conflict(data, questionnaire) -> QuestionnaireForm:
    """Someone saved meanwhile: the typing kept, moved to the fresh version, and said."""
    data = data.copy()
    data["version"] = type(questionnaire).objects.get(pk=questionnaire.pk).version
    form = QuestionnaireForm(data)
    form.is_valid()
    form.add_error(None, _(
        "Quelqu'un a enregistré ce questionnaire pendant que vous le remplissiez. Votre "
        "saisie est conservée : vérifiez-la, puis enregistrez de nouveau."
    ))
    return form


@require_http_methods(["GET", "POST"])
def answer(request, pk):
    questionnaire, may_answer = selectors.questionnaire_for(request.user, pk)
    open_now = selectors.is_open(questionnaire)
    if request.method == "POST":
        if not (may_answer and open_now):
            raise PermissionDenied
        form = QuestionnaireForm(request.POST)
        if form.is_valid():
            channel = Channel.APP if request.user.role == Role.STRUCTURE else Channel.PHONE
            try:
                services.answer(
                    questionnaire=questionnaire, by=request.user, answers=form.cleaned_data,
                    channel=channel, version=form.cleaned_data.get("version"),
                )
            except RecordModifiedError:
                form = _after_conflict(request.POST, questionnaire)
            else:
                messages.success(request, _("Merci : le questionnaire est enregistré."))
                return redirect(_back(request.user, questionnaire))
    else:
        form = QuestionnaireForm(
            initial={**selectors.prefill(questionnaire), "version": questionnaire.version}
        )
    return render(request, "followup/answer.html", {
        "questionnaire": questionnaire,
        "project": questionnaire.participation.project,
        "form": form,
        "may_answer": may_answer and open_now,
        "open_now": open_now,
        "by_phone": request.user.role != Role.STRUCTURE,
        "back_url": _back(request.user, questionnaire),
        "answers": [(q, questionnaire.answers.get(q.code)) for q in QUESTIONS],
    })
