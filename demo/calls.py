"""Demo: two ICs at « finaliser les modalités » with their cahier des charges issued.

- an open call with an avenant (version 2, reasoned) and two offers from two firms;
- a signed call: offers opened after the deadline, scored by the chargée de mission and a
  structure representative, the choice signed, procès-verbal and letters stored.
Idempotent: nothing happens if the first IC exists."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from accounts.models import User
from cycle.models import Project
from directory.models import Prestataire
from dla_ic.pdf import html_to_pdf
from monographs import services as documents
from monographs.models import Specification
from tenders import services
from tenders.models import CallForTender

from . import ics as cycle_demo

DATA = Path(settings.BASE_DIR) / "fixtures" / "demo" / "demo_call.json"


def _offer_pdf(firm: str, method: str) -> SimpleUploadedFile:
    html = (f'<html lang="fr"><head><title>Offre – {escape(firm)}</title></head>'
            f"<body><h1>{escape(firm)}</h1><p>{escape(method)}</p></body></html>")
    return SimpleUploadedFile("offre.pdf", html_to_pdf(html), "application/pdf")


SIGNED_TITLE = "Mutualiser l'approvisionnement des épiceries solidaires du Douaisis"
AMENDMENT = "Le calendrier précise les dates des trois ateliers collectifs."


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
    project, _call = _open_call(data, case, users)
    documents.amend_fields(
        project.specification, by=users[case["by"]], reason=AMENDMENT,
        calendar="Ateliers collectifs les 8 septembre, 6 octobre et 10 novembre 2026.",
    )
    _signed, signed_call = _open_call(data, {**case, "title": SIGNED_TITLE}, users)
    _sign(signed_call, users[case["by"]])
    return project


def _sign(call, by) -> None:
    """Close the deadline, open the offers, score them twice, sign: the documents are stored."""
    past = timezone.now() - datetime.timedelta(days=2)
    CallForTender.objects.filter(pk=call.pk).update(
        intent_deadline=past - datetime.timedelta(days=5), reply_deadline=past
    )
    call.refresh_from_db()
    services.open_offers(call, by=by)
    structure = services.committed_structures(call.project).order_by("name").first()
    representative = services.add_scorer(call, by=by, name="Mme Leroy", structure=structure)
    criteria = list(call.project.specification.criteria.all())
    offers = list(call.invitations.order_by("prestataire__name").values_list("offer", flat=True))
    grids = {offers[0]: ([4, 3, 4, 3, 3], [3, 4, 4, 3, 3]), offers[1]: ([3, 3, 3, 4, 5],
                                                                           [3, 3, 4, 3, 4])}
    for offer in services.Offer.objects.filter(pk__in=offers).select_related("invitation"):
        own, theirs = grids[offer.pk]
        services.save_sheet(offer, by=by, values=dict(zip([c.pk for c in criteria], own,
                                                           strict=True)),
                            comment="Démarche claire, calendrier réaliste.")
        services.save_sheet(offer, by=by, scorer=representative,
                            values=dict(zip([c.pk for c in criteria], theirs, strict=True)),
                            comment="Transcrit de la grille papier de la structure.")
    chosen = services.Offer.objects.get(pk=offers[0])
    services.sign_selection(call, by=by, offers=[chosen],
                            reasons="Meilleure méthode d'animation, prix dans le plafond.")


def _open_call(data, case, users):
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
    return project, call
