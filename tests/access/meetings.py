"""The IC's sessions: the DLA team sees all and its pilots plan; the chosen firm's
intervenant sees the sessions and records attendance; the invited structure's
representative sees its session and answers, nothing of the attendance; anyone else 404.
A reader who may not do an action: 403."""

from datetime import date, time

from cycle.models import ProjectStructure
from directory.models import Intervenant
from meetings import services
from meetings.models import Meeting

from .base import Access

PROJECT = {"project_pk": "project"}
MEETING = {"pk": "meeting"}

READERS = {
    "anonymous": 302, "charge_mission": 200, "other_charge_mission": 404, "c2ra": 200,
    "intervenant": 200, "other_intervenant": 404, "structure": 200, "other_structure": 404,
    "admin": 200,
}
PLANNERS = {**READERS, "c2ra": 403, "intervenant": 403, "structure": 403}
# A bound form with its errors beside the fields: 400.
PLANNERS_POST = {**PLANNERS, "charge_mission": 400, "admin": 400}
PLANNERS_DONE = {**PLANNERS, "charge_mission": 302, "admin": 302}
RECORDERS = {**PLANNERS, "intervenant": 200}
RECORDERS_DONE = {**RECORDERS, "charge_mission": 302, "admin": 302, "intervenant": 302}
ANSWERERS = {**READERS, "charge_mission": 403, "c2ra": 403, "intervenant": 403, "admin": 403,
             "structure": 302}
POST_ONLY = {**dict.fromkeys(READERS, 405), "anonymous": 302}

ACCESS = {
    "meetings:list": Access(kwargs=PROJECT, get=READERS),
    "meetings:create": Access(kwargs=PROJECT, get=PLANNERS, post=PLANNERS_POST,
                              data={"title": "Atelier"}),
    "meetings:detail": Access(kwargs=MEETING, get=READERS),
    "meetings:edit": Access(kwargs=MEETING, get=PLANNERS, post=PLANNERS_POST,
                            data={"title": ""}),
    "meetings:cancel": Access(kwargs=MEETING, get=POST_ONLY, post=PLANNERS_DONE),
    "meetings:invite": Access(kwargs=MEETING, get=POST_ONLY, post=PLANNERS_DONE),
    "meetings:answer": Access(kwargs=MEETING, get=POST_ONLY, post=ANSWERERS,
                              data={"answer": "vient", "attending": "2"}),
    "meetings:ics": Access(kwargs=MEETING, get=READERS),
    "meetings:attendance": Access(kwargs=MEETING, get=RECORDERS, post=RECORDERS_DONE),
    "meetings:sheet": Access(kwargs=MEETING, get=RECORDERS),
    "meetings:sheet_pdf": Access(kwargs=MEETING, get=RECORDERS),
    "meetings:sheet_upload": Access(kwargs=MEETING, get=POST_ONLY, post=PLANNERS_POST),
}


def _meeting(samples) -> Meeting:
    project = samples["project"]
    structure = ProjectStructure.objects.filter(
        project=project, structure__contacts__isnull=False
    ).first().structure
    return services.create_meeting(
        project=project, by=project.created_by,
        fields={"title": "Atelier collectif", "phase": "finaliser_mise_en_oeuvre",
                "held_on": date(2030, 3, 12), "starts_at": time(9, 30),
                "ends_at": time(12, 0), "place": "Maison des associations"},
        invited={structure: 2},
        intervenants=Intervenant.objects.filter(prestataire__assignments__project=project),
    )


SAMPLES = {"meeting": _meeting}
