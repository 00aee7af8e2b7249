"""Calls for tender: the IC's pilots run them; invited firms see their own side only.

The sample call invites Cabinet Alpha (``intervenant``) and Cabinet Beta
(``other_intervenant``); Beta has deposited an offer. Alpha asking for Beta's
offer file gets 404, as does everyone outside the IC's pilots and the firm.
The deadline is ahead, so the firm forms are open and the offers sealed: the
pilots reach no price and no file (offer file, grid, selection, procès-verbal: 404).
"""

import datetime
from decimal import Decimal

from .base import Access

ANON = {"anonymous": 302}
NOBODY = {
    **ANON, "charge_mission": 404, "other_charge_mission": 404, "c2ra": 404,
    "intervenant": 404, "other_intervenant": 404, "admin": 404,
    "structure": 404, "other_structure": 404,
}
NOT_FIRMS = [
    "charge_mission", "other_charge_mission", "c2ra", "admin", "structure", "other_structure",
]
PILOTS = {**NOBODY, "charge_mission": 200, "admin": 200}
FIRMS = {**NOBODY, "intervenant": 200, "other_intervenant": 200}
POST_ONLY = {**dict.fromkeys(NOBODY, 405), **ANON}
PROJECT = {"project_pk": "project"}
CALL = {"call_pk": "tender_call"}


def _call(samples):
    from directory.models import Prestataire
    from monographs.models import Specification
    from monographs.services import specification_for
    from tenders.models import CallForTender, Invitation

    project = samples["project"]
    specification = specification_for(project)
    Specification.objects.filter(project=project).update(budget_ceiling=Decimal("15000"))
    _issued_version(specification, project.created_by)
    now = datetime.datetime.now(datetime.UTC)
    call = CallForTender.objects.create(
        project=project, intent_deadline=now + datetime.timedelta(days=5),
        reply_deadline=now + datetime.timedelta(days=10), opened_by=project.created_by,
        structures_score=True,
    )
    for firm in Prestataire.objects.filter(name__in=["Cabinet Alpha", "Cabinet Beta"]):
        Invitation.objects.create(call=call, prestataire=firm)
    return call


def _issued_version(specification, by):
    """Version 1, stored as issuing does (a tiny PDF: no rendering for every walk)."""
    from django.utils import timezone

    from monographs.models import IssuedSpecification

    version = IssuedSpecification(
        specification=specification, number=1, content={}, criteria=[],
        issued_at=timezone.now(), issued_by=by,
    )
    version.attach("cahiers-des-charges/access.pdf", b"%PDF-1.4\n%%EOF\n")
    version.save()
    return version


def _beta_offer_version(samples):
    from django.conf import settings

    from tenders.models import Invitation, Offer, OfferVersion
    from tenders.uploads import directory

    invitation = Invitation.objects.get(
        call=samples["tender_call"], prestataire__name="Cabinet Beta"
    )
    directory().mkdir(parents=True, exist_ok=True)
    (directory() / "access-sample.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert settings.PRIVATE_ROOT
    offer = Offer.objects.create(invitation=invitation)
    version = OfferVersion.objects.create(
        offer=offer, number=1, method="Ateliers", phases=[{"title": "Diagnostic", "days": "2"}],
        price=Decimal("9000.00"), file_name="access-sample.pdf", file_size=15,
        submitted_at=invitation.call.opened_at, submitted_by=samples["project"].created_by,
    )
    offer.current = version
    offer.save()
    invitation.status = "offre_deposee"
    invitation.save()
    return version


def _beta_offer(samples):
    return samples["tender_offer_version"].offer


def _beta_invitation(samples):
    return samples["tender_offer"].invitation


ACCESS = {
    "tenders:call_list": Access(kwargs={}, get={
        **ANON, "charge_mission": 200, "other_charge_mission": 200, "c2ra": 403,
        "intervenant": 200, "other_intervenant": 200, "admin": 200,
        "structure": 403, "other_structure": 403,
    }),
    "tenders:invitation_detail": Access(kwargs=CALL, get=FIRMS),
    # Each intervenant edits his own firm's contacts (the posted form is empty: 400).
    "tenders:firm_contacts": Access(
        kwargs={}, get={**FIRMS, **dict.fromkeys(NOT_FIRMS, 403)},
        post={**ANON, **dict.fromkeys(NOT_FIRMS, 403),
            "intervenant": 400, "other_intervenant": 400},
    ),
    "tenders:intent": Access(
        kwargs=CALL, get=POST_ONLY, data={"will_answer": "oui"},
        post={**NOBODY, "intervenant": 302, "other_intervenant": 302},
    ),
    "tenders:specification_pdf": Access(
        kwargs=CALL, get={**FIRMS, "charge_mission": 200, "admin": 200}
    ),
    "tenders:specification_version_pdf": Access(
        kwargs={**CALL, "number": "literal:1"}, get={**FIRMS, "charge_mission": 200, "admin": 200}
    ),
    "tenders:offer_edit": Access(
        kwargs=CALL, get=FIRMS, post={**NOBODY, "intervenant": 400, "other_intervenant": 400}
    ),
    # Beta's offer: Alpha, its competitor, gets 404; so do the pilots while it is sealed.
    "tenders:offer_file": Access(
        kwargs={"version_pk": "tender_offer_version"},
        get={**NOBODY, "other_intervenant": 200},
    ),
    "tenders:call_manage": Access(kwargs=PROJECT, get=PILOTS),
    # Before the deadline: opening is refused (message, back to the call).
    "tenders:offers_open": Access(
        kwargs=PROJECT, get=POST_ONLY, post={**PILOTS, "charge_mission": 302, "admin": 302}
    ),
    "tenders:call_extend": Access(
        kwargs=PROJECT, get=PILOTS, post={**PILOTS, "charge_mission": 400, "admin": 400}
    ),
    "tenders:call_cancel": Access(
        kwargs=PROJECT, get=PILOTS, post={**PILOTS, "charge_mission": 400, "admin": 400}
    ),
    # The IC has its call already: opening again sends back to it.
    "tenders:call_open": Access(
        kwargs=PROJECT, get={**PILOTS, "charge_mission": 302, "admin": 302},
        post={**PILOTS, "charge_mission": 302, "admin": 302},
    ),
    "tenders:scorer_add": Access(
        kwargs=PROJECT, get=POST_ONLY, post={**PILOTS, "charge_mission": 302, "admin": 302}
    ),
    "tenders:sheet_edit": Access(kwargs={"offer_pk": "tender_offer"}, get=NOBODY, post=NOBODY),
    "tenders:selection_sign": Access(kwargs=PROJECT, get=NOBODY, post=NOBODY),
    "tenders:report_pdf": Access(kwargs=PROJECT, get=NOBODY),
    # No letter before the choice is signed, not even for its pilots.
    "tenders:letter_pdf": Access(kwargs={"invitation_pk": "tender_invitation"}, get=NOBODY),
}
SAMPLES = {
    "tender_call": _call,
    "tender_offer_version": _beta_offer_version,
    "tender_offer": _beta_offer,
    "tender_invitation": _beta_invitation,
}
