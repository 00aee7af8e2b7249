"""Demo: an IC at « finaliser les modalités » with its cahier des charges issued, an open
call and two offers from two firms. Idempotent: nothing happens if the IC exists."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from accounts.models import User
from cycle import demo as cycle_demo
from cycle.models import Project
from directory.models import Prestataire
from monographs import services as documents
from monographs.models import Specification
from monographs.pdf import html_to_pdf

from . import services

DATA = Path(__file__).resolve().parent / "fixtures" / "demo_call.json"


def _offer_pdf(firm: str, method: str) -> SimpleUploadedFile:
    html = (f'<html lang="fr"><head><title>Offre – {escape(firm)}</title></head>'
            f"<body><h1>{escape(firm)}</h1><p>{escape(method)}</p></body></html>")
    return SimpleUploadedFile("offre.pdf", html_to_pdf(html), "application/pdf")


@transaction.atomic
def load() -> Project | None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    case = data["case"]
    if Project.objects.filter(title=case["title"]).exists():
        return None
    cycle_demo.ensure_prestataire(data["firm"])
    cycle_demo.ensure_user(data["firm_user"], password="")
    names = [case["by"], *(offer["user"] for offer in data["offers"])]
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    project = cycle_demo.load_in_progress(case, users)
    by = users[case["by"]]
    specification = documents.specification_for(project)
    now = timezone.now()
    fields = {
        **data["specification"],
        "budget_ceiling": Decimal(data["specification"]["budget_ceiling"]),
        "reply_deadline": now + datetime.timedelta(days=21),
    }
    Specification.objects.filter(pk=specification.pk).update(**fields)
    specification.refresh_from_db()
    documents.issue_specification(specification, by=by)
    project.refresh_from_db()
    firms = list(Prestataire.objects.filter(name__in=[o["firm"] for o in data["offers"]]))
    call = services.open_call(
        project, by=by, prestataires=firms, intent_deadline=now + datetime.timedelta(days=7),
        reply_deadline=specification.reply_deadline, may_contact_structures=True,
        structures_score=True, notify=False,
    )
    for spec in data["offers"]:
        invitation = call.invitations.get(prestataire__name=spec["firm"])
        services.submit_offer(
            invitation, by=users[spec["user"]], method=spec["method"],
            phases=[{"title": p["title"], "days": Decimal(p["days"])} for p in spec["phases"]],
            price=Decimal(spec["price"]), intervenants=invitation.prestataire.intervenants.all(),
            upload=_offer_pdf(spec["firm"], spec["method"]),
        )
    return project
