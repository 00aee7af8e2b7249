"""Documents: readers of the IC read and download; its pilots write and issue."""

from .base import Access

READ = {
    "anonymous": 302, "charge_mission": 200, "other_charge_mission": 404, "c2ra": 200,
    "intervenant": 200, "other_intervenant": 404, "admin": 200,
}
WRITE = {**READ, "c2ra": 404, "intervenant": 404}
PROJECT = {"project_pk": "project"}

ACCESS = {
    "monographs:specification_detail": Access(kwargs=PROJECT, get=READ),
    "monographs:specification_pdf": Access(kwargs=PROJECT, get=READ),
    "monographs:specification_edit": Access(kwargs=PROJECT, get=WRITE),
    "monographs:specification_issue": Access(
        kwargs=PROJECT,
        get={**WRITE, "charge_mission": 405, "admin": 405},
        post={**WRITE, "charge_mission": 302, "admin": 302},
    ),
}
SAMPLES = {}
