"""The follow-up of a closed IC: its DLA team (pilots, the region's C2RA reading, admins)
sees every questionnaire and the indicators; a structure's representative only its own
questionnaires (in its « Espace structure »); a prestataire nothing. Anyone else: 404."""

from .base import Access

PROJECT = {"pk": "project"}
TEAM = {
    "anonymous": 302,
    "charge_mission": 200,
    "other_charge_mission": 404,
    "c2ra": 200,
    "intervenant": 404,
    "other_intervenant": 404,
    "structure": 404,  # its own questionnaires only, never the IC's follow-up page
    "other_structure": 404,
    "admin": 200,
}
# The sample IC's structure answers its own; the C2RA reads it, never sends answers.
QUESTIONNAIRE = {**TEAM, "structure": 200}
# An empty form: « Répondez à au moins une question. » shown again, nothing written.
ANSWER = {**QUESTIONNAIRE, "c2ra": 403}


def _questionnaire(samples):
    from django.utils import timezone

    from followup import services
    from followup.models import Questionnaire

    services.schedule(project=samples["project"], closed_on=timezone.localdate())
    return Questionnaire.objects.filter(participation__project=samples["project"], year=0).get()


ACCESS = {
    "followup:project": Access(kwargs=PROJECT, get=TEAM),
    "followup:export": Access(kwargs=PROJECT, get=TEAM),
    "followup:answer": Access(
        kwargs={"pk": "followup_questionnaire"}, get=QUESTIONNAIRE, post=ANSWER, data={}
    ),
}
SAMPLES = {"followup_questionnaire": _questionnaire}
