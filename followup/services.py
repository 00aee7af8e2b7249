"""Writes: schedule a closed IC's questionnaires, record one's answers."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from cycle.models import ProjectStructure
from cycle.states import State
from cycle.vocabulary import ParticipationStatus
from dla_ic.concurrency import save_versioned

from .models import Questionnaire
from .questions import QUESTIONS
from .vocabulary import Channel, Year


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def schedule(*, project, closed_on: date) -> list[Questionnaire]:
    """The three questionnaires (N, N+1, N+2) of each structure committed to ``project``.
    Run again (the IC reopened then closed again), it creates nothing new: the first
    closing's due dates stand."""
    participations = ProjectStructure.objects.filter(
        project=project, status=ParticipationStatus.COMMITTED
    )
    created = []
    for participation in participations:
        for year in Year:
            questionnaire, new = Questionnaire.objects.get_or_create(
                participation=participation, year=year,
                defaults={"due_on": _years_later(closed_on, year.value)},
            )
            if new:
                created.append(questionnaire)
    return created


def schedule_on_close(sender, *, instance, log, **kwargs) -> None:
    """``transition_fired`` of a Project: its closing schedules the follow-up."""
    if log.target == State.CLOSED:
        schedule(project=instance, closed_on=timezone.localdate(log.at))


def clean_answers(data: dict) -> dict:
    """The form's cleaned data as stored: decimals as strings, empty answers left out."""
    answers = {}
    for question in QUESTIONS:
        value = data.get(question.code)
        if value in (None, ""):
            continue
        answers[question.code] = str(value) if not isinstance(value, int) else value
    return answers


@transaction.atomic
def answer(*, questionnaire, by, answers: dict, channel: str, version=None) -> Questionnaire:
    """Record ``answers``; ``channel`` says whether the structure answered in the app or the
    chargé de mission entered them from a phone call. RecordModifiedError if someone saved
    the questionnaire since ``version``."""
    questionnaire.answers = clean_answers(answers)
    questionnaire.answered_at = timezone.now()
    questionnaire.answered_by = by
    questionnaire.channel = Channel(channel)
    return save_versioned(questionnaire, version)
