"""Operations on a call for tender: each checks, then does, in one transaction."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cycle.exceptions import TransitionRefused
from cycle.models import Project, ProjectPrestataire
from cycle.states import SPECIFICATION_STATES
from cycle.vocabulary import ParticipationStatus
from directory.models import Region
from dla_ic.pdf import render_pdf
from dla_ic.requirements import Requirement, missing
from dla_ic.uploads import discard_on_failure, store, validate
from monographs.checks import WEIGHTS_TOTAL, weights_total
from monographs.models import Specification
from monographs.versions import current_version
from workflows import machines as workflow

from .deadlines import in_french
from .models import (
    CallForTender,
    Invitation,
    Offer,
    OfferVersion,
    Score,
    Scorer,
    ScoreSheet,
    SignedDocument,
    scoring_closed,
    still_open,
)
from .uploads import POLICY as UPLOADS
from .vocabulary import (
    SCORE_MAX,
    SCORE_MIN,
    CallState,
    DocumentKind,
    ScorerKind,
)


class TenderRefused(TransitionRefused):
    """The operation is not possible now; ``missing`` says why, in French."""


# The call's and the invitations' machines: their transitions are declared on the models
# (label, tone, reason, guard, permission); fired here, each one row of the one log.
CALL = workflow.Machine(
    field="state",
    refused=_("« %(action)s » n'est pas possible : l'appel d'offres est « %(state)s »."),
    forbidden=_("Vous ne pilotez pas cette ingénierie collective."),
)
INVITATION = workflow.Machine(
    field="status",
    refused=_("« %(action)s » n'est pas possible : votre réponse est « %(state)s »."),
    forbidden=_("Cet appel d'offres ne vous est pas adressé."),
)


def blockers(machine, instance, name, *, now=None) -> list[str]:
    """What the transition's declared guard says is missing (at ``now``), in French."""
    instance.as_of = now
    transition = workflow.declared(type(instance), machine.field)[name]
    guard = transition.custom["blockers"] or (lambda *_: [])
    return [str(m) for m in guard(instance, workflow.target_of(instance, transition))]


def reason_missing(machine, instance, name, reason: str):
    """The declared message when the transition asks a reason and none is given."""
    asked = workflow.declared(type(instance), machine.field)[name].custom["reason"]
    return asked if asked and not (reason or "").strip() else None


def _fire(machine, instance, name, *, by, now=None, reason="", **details):
    """Fire and log a transition whose refusals the service has already told (in full)."""
    instance.as_of = now
    try:
        return workflow.fire(machine, instance, name, by=by, comment=reason, details=details,
                             at=now)
    except TransitionRefused as refused:
        raise TenderRefused(refused.missing) from refused


def _refuse_if(missing) -> None:
    missing = [str(m) for m in missing if m]
    if missing:
        raise TenderRefused(missing)


def _require(user, perm, obj) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _send(subject, template, context, recipients) -> None:
    recipients = sorted({r for r in recipients if r})
    if recipients:
        send_mail(subject, render_to_string(template, context), None, recipients)


def firm_recipients(prestataire) -> list[str]:
    return [prestataire.email, *(i.email for i in prestataire.intervenants.all())]


# --- opening the call


def ic_regions(project) -> set[str]:
    codes = set(project.regions.values_list("code", flat=True))
    return codes | set(project.departements.values_list("region_id", flat=True))


@dataclass
class Opening:
    """What opening a call is checked on: the IC, its cahier des charges, the form's input."""

    project: Project
    specification: Specification | None
    prestataires: list = field(default_factory=list)
    intent_deadline: Any = None
    reply_deadline: Any = None
    now: Any = None


PRECONDITIONS = (
    Requirement(_lazy("Un appel d'offres se lance à l'étape Confirmer."),
                lambda o: o.project.state in SPECIFICATION_STATES),
    Requirement(_lazy("Rédigez d'abord le cahier des charges."),
                lambda o: o.specification is not None),
    Requirement(_lazy("Émettez d'abord le cahier des charges."),
                lambda o: o.project.specification_issued_on and current_version(o.specification)),
    lambda o: WEIGHTS_TOTAL.missing(weights_total(o.specification)) if o.specification else [],
    Requirement(_lazy("Cette IC a déjà un appel d'offres."),
                lambda o: not CallForTender.objects.filter(project=o.project).exists()),
)
INPUT_REQUIREMENTS = (
    Requirement(_lazy("Invitez au moins un prestataire."), lambda o: o.prestataires),
    Requirement(_lazy("La date limite de dépôt des offres doit être à venir."),
                lambda o: o.reply_deadline > o.now),
    Requirement(_lazy("La date pour annoncer une réponse doit précéder la date limite de dépôt."),
                lambda o: o.intent_deadline <= o.reply_deadline),
)


def missing_preconditions(project) -> list[str]:
    """What the IC lacks before any call can open (state, cahier des charges, weights)."""
    specification = Specification.objects.filter(project=project).first()
    return missing(Opening(project, specification), PRECONDITIONS)


def missing_to_open(project, *, prestataires, intent_deadline, reply_deadline, now=None):
    opening = Opening(
        project, Specification.objects.filter(project=project).first(), list(prestataires),
        intent_deadline, reply_deadline, now or timezone.now(),
    )
    return missing(opening, PRECONDITIONS + INPUT_REQUIREMENTS)


@transaction.atomic
def open_call(project, *, by, prestataires, intent_deadline, reply_deadline,
              may_contact_structures=False, structures_score=False, base_url="",
              notify=True) -> CallForTender:
    _require(by, "tenders.manage_call", project)
    project = Project.objects.select_for_update().get(pk=project.pk)
    prestataires = list(prestataires)
    _refuse_if(missing_to_open(
        project, prestataires=prestataires, intent_deadline=intent_deadline,
        reply_deadline=reply_deadline,
    ))
    call = CallForTender.objects.create(
        project=project, intent_deadline=intent_deadline, reply_deadline=reply_deadline,
        may_contact_structures=may_contact_structures, structures_score=structures_score,
        opened_by=by,
    )
    regions = ic_regions(project)
    approved = set(
        Region.objects.filter(code__in=regions, approved_prestataires__in=prestataires)
        .values_list("approved_prestataires", flat=True)
    )
    Invitation.objects.bulk_create(
        Invitation(call=call, prestataire=firm, approved=firm.pk in approved)
        for firm in prestataires
    )
    link = base_url + reverse("tenders:invitation_detail", args=[call.pk])
    for firm in prestataires if notify else ():
        _send(
            _("Appel d'offres : %(title)s") % {"title": project.title},
            "tenders/emails/invitation.txt",
            {"call": call, "project": project, "firm": firm, "link": link,
             "reply_deadline": in_french(reply_deadline),
             "intent_deadline": in_french(intent_deadline)},
            firm_recipients(firm),
        )
    return call


# --- the call's life: each change is explicit, reasoned, logged, and told to the candidates


def tell_candidates(call, subject, template, context, base_url="") -> None:
    """Every invited firm, at its recorded contacts (firm and intervenants)."""
    link = base_url + reverse("tenders:invitation_detail", args=[call.pk])
    invitations = call.invitations.select_related("prestataire").prefetch_related(
        "prestataire__intervenants"
    )
    for invitation in invitations:
        _send(subject % {"title": call.project.title}, template,
              {"call": call, "project": call.project, "firm": invitation.prestataire,
               "link": link, **context},
              firm_recipients(invitation.prestataire))


def _locked_call(call):
    return CallForTender.objects.select_for_update().select_related("project").get(pk=call.pk)


@transaction.atomic
def extend_call(call, *, by, reply_deadline, intent_deadline=None, reason: str,
                now=None, base_url="") -> CallForTender:
    """A later reply deadline (and intent date), before the current one has passed."""
    _require(by, "tenders.manage_call", call.project)
    call = _locked_call(call)
    intent_deadline = intent_deadline or call.intent_deadline
    _refuse_if([
        *blockers(CALL, call, "extend", now=now),
        reason_missing(CALL, call, "extend", reason),
        None if reply_deadline and reply_deadline > call.reply_deadline else _(
            "La nouvelle date limite doit suivre l'actuelle (%(deadline)s)."
        ) % {"deadline": in_french(call.reply_deadline)},
        None if intent_deadline <= (reply_deadline or intent_deadline) else _(
            "La date pour annoncer une réponse doit précéder la date limite de dépôt."
        ),
    ])
    before = {"reply_deadline": call.reply_deadline.isoformat(),
              "intent_deadline": call.intent_deadline.isoformat()}
    _fire(CALL, call, "extend", by=by, reason=reason, now=now, before=before,
          after={"reply_deadline": reply_deadline.isoformat(),
                 "intent_deadline": intent_deadline.isoformat()})
    call.reply_deadline, call.intent_deadline = reply_deadline, intent_deadline
    call.save(update_fields=["reply_deadline", "intent_deadline"])
    tell_candidates(
        call, _("Appel d'offres prolongé : %(title)s"), "tenders/emails/extended.txt",
        {"reason": reason.strip(), "reply_deadline": in_french(reply_deadline),
         "intent_deadline": in_french(intent_deadline)}, base_url,
    )
    return call


@transaction.atomic
def cancel_call(call, *, by, reason: str, now=None, base_url="") -> CallForTender:
    _require(by, "tenders.manage_call", call.project)
    call = _locked_call(call)
    _refuse_if([
        *blockers(CALL, call, "cancel", now=now),
        reason_missing(CALL, call, "cancel", reason),
    ])
    _fire(CALL, call, "cancel", by=by, reason=reason, now=now)
    tell_candidates(call, _("Appel d'offres annulé : %(title)s"), "tenders/emails/cancelled.txt",
                    {"reason": reason.strip()}, base_url)
    return call


@transaction.atomic
def open_offers(call, *, by, now=None) -> CallForTender:
    """Unseal the offers, once, after the reply deadline: who and when are recorded."""
    _require(by, "tenders.manage_call", call.project)
    call = _locked_call(call)
    _refuse_if(blockers(CALL, call, "open_offers", now=now))
    now = now or timezone.now()
    call.offers_opened_at, call.offers_opened_by = now, by
    _fire(CALL, call, "open_offers", by=by, now=now)
    return call


def amendment_lock(specification) -> str | None:
    """Registered with monographs: once the reply deadline passed, the rules stay as issued."""
    call = CallForTender.objects.filter(project_id=specification.project_id).first()
    if call is None:
        return None
    reasons = still_open(call)
    if not reasons:
        return None
    return _("Le cahier des charges ne peut plus changer : %(why)s") % {"why": reasons[0]}


def notify_amendment(sender, *, version, by, **kwargs) -> None:
    """An avenant reached the invited firms: logged on the call and e-mailed to each."""
    call = CallForTender.objects.filter(
        project_id=version.specification.project_id, state=CallState.OPEN
    ).select_related("project").first()
    if call is None or version.number == 1:
        return
    _fire(CALL, call, "amend", by=by, reason=version.reason, now=version.issued_at,
          version=version.number, sha256=version.sha256)
    tell_candidates(call, _("Avenant au cahier des charges : %(title)s"),
                    "tenders/emails/amended.txt", {"version": version})


# --- the firm's side


@transaction.atomic
def update_firm_contacts(intervenant, *, by, firm_email: str, own_email: str) -> None:
    """Only the firm's own intervenants (here) or an admin (admin site) change them;
    each change is kept in the history with its author."""
    from directory.models import Intervenant, Prestataire

    if getattr(by, "intervenant", None) != intervenant:
        raise PermissionDenied
    firm = Prestataire.objects.select_for_update().get(pk=intervenant.prestataire_id)
    if firm.email != firm_email:
        firm.email, firm._history_user = firm_email, by
        firm.save(update_fields=["email"])
    intervenant = Intervenant.objects.select_for_update().get(pk=intervenant.pk)
    if intervenant.email != own_email:
        intervenant.email, intervenant._history_user = own_email, by
        intervenant.save(update_fields=["email"])


@transaction.atomic
def declare_intent(invitation, *, by, will_answer: bool, reason: str = "", now=None):
    _require(by, "tenders.answer_call", invitation.call)
    invitation = Invitation.objects.select_for_update().select_related("call").get(
        pk=invitation.pk
    )
    name = "will_answer" if will_answer else "decline"
    _refuse_if([
        *blockers(INVITATION, invitation, name, now=now),
        reason_missing(INVITATION, invitation, name, reason),
    ])
    invitation.answered_at = now or timezone.now()
    _fire(INVITATION, invitation, name, by=by, now=invitation.answered_at,
          reason="" if will_answer else reason)
    return invitation


@discard_on_failure
@transaction.atomic
def submit_offer(invitation, *, by, method, phases, price, intervenants, upload=None, now=None):
    """A new version of the firm's offer, before the deadline; the file is checked by content.

    Without a new file an amendment keeps the previous version's file.
    """
    _require(by, "tenders.answer_call", invitation.call)
    invitation = Invitation.objects.select_for_update().select_related("call").get(
        pk=invitation.pk
    )
    now = now or timezone.now()
    offer = Offer.objects.filter(invitation=invitation).select_related("current").first()
    previous = offer.current if offer else None
    intervenants = list(intervenants)
    _refuse_if([
        *blockers(INVITATION, invitation, "submit", now=now),
        None if upload is not None or previous else _("Joignez votre offre en PDF."),
        None if phases else _("Décrivez au moins une phase."),
        None if price is not None and price >= 0 else _("Indiquez le prix en euros TTC."),
        None if all(i.prestataire_id == invitation.prestataire_id for i in intervenants)
        else _("Un intervenant n'appartient pas à votre cabinet."),
    ])
    if upload is not None:
        stored = store(upload, validate(upload, UPLOADS), UPLOADS)
        file_name, file_size = stored.name, stored.size
    else:
        file_name, file_size = previous.file_name, previous.file_size
    offer = offer or Offer.objects.create(invitation=invitation)
    version = OfferVersion.objects.create(
        offer=offer, number=(previous.number + 1) if previous else 1, method=method.strip(),
        phases=[{"title": p["title"].strip(), "days": str(p["days"])} for p in phases],
        price=price, file_name=file_name, file_size=file_size, submitted_at=now,
        submitted_by=by,
    )
    version.intervenants.set(intervenants)
    offer.current = version
    offer.save(update_fields=["current"])
    invitation.answered_at = now
    _fire(INVITATION, invitation, "submit", by=by, now=now, version=version.number)
    return version


# --- scoring


def scoring_refusals(call, now=None) -> list[str]:
    """Why no grid may be written now (the guard of the call's ``correct``)."""
    call.as_of = now
    return scoring_closed(call)


def committed_structures(project):
    from directory.models import BeneficiaryStructure

    return BeneficiaryStructure.objects.filter(
        participations__project=project, participations__status=ParticipationStatus.COMMITTED
    )


@transaction.atomic
def add_scorer(call, *, by, name: str, structure) -> Scorer:
    _require(by, "tenders.manage_call", call.project)
    call = CallForTender.objects.select_for_update().get(pk=call.pk)
    _refuse_if([
        None if call.structures_score else _(
            "Cet appel d'offres ne prévoit pas de notation par les structures."
        ),
        None if not call.is_signed else _("Le choix est signé."),
        None if name.strip() else _("Indiquez le nom du représentant."),
        None if committed_structures(call.project).filter(pk=structure.pk).exists()
        else _("Cette structure n'est pas engagée dans l'IC."),
    ])
    return Scorer.objects.create(
        call=call, kind=ScorerKind.STRUCTURE, name=name.strip(), structure=structure
    )


def own_scorer(call, user) -> Scorer | None:
    return Scorer.objects.filter(call=call, user=user).first()


def may_write(user, scorer) -> bool:
    """A scorer with an account writes only his own grid; a structure representative's
    (no account) is transcribed by the pilots; an admin may correct any, as himself."""
    if scorer.user_id is None or scorer.user_id == user.pk:
        return True
    return user.is_admin_role


@transaction.atomic
def save_sheet(offer, *, by, values: dict, comment: str = "", scorer=None, now=None):
    """``values``: criterion pk → integer 0–5, one for every criterion of the cahier des charges.

    ``scorer`` None is the signed-in user's own grid. Writing someone else's is refused,
    except a structure representative's (transcribed) and an admin's logged correction.
    """
    call = CallForTender.objects.select_for_update().select_related("project").get(
        pk=offer.invitation.call_id
    )
    _require(by, "tenders.manage_call", call.project)
    if scorer is not None and not may_write(by, scorer):
        raise PermissionDenied
    criteria = list(call.project.specification.criteria.all())
    _refuse_if([
        *scoring_refusals(call, now),
        None if set(values) == {c.pk for c in criteria} else _("Notez chaque critère."),
        None if all(isinstance(v, int) and SCORE_MIN <= v <= SCORE_MAX for v in values.values())
        else _("Chaque note est un entier de %(min)s à %(max)s.")
        % {"min": SCORE_MIN, "max": SCORE_MAX},
        None if scorer is None or scorer.call_id == call.pk else _("Évaluateur inconnu."),
    ])
    if scorer is None:
        scorer, _created = Scorer.objects.get_or_create(
            call=call, user=by,
            defaults={"kind": ScorerKind.PILOT, "name": by.get_full_name() or by.username},
        )
    sheet = ScoreSheet.objects.filter(offer=offer, scorer=scorer).first()
    if scorer.user_id not in (None, by.pk):
        _fire(CALL, call, "correct", by=by, now=now, scorer=str(scorer),
              offer=str(offer.invitation.prestataire),
              before=sorted((s.criterion_id, s.value) for s in sheet.scores.all()) if sheet
              else [])
    sheet, _created = ScoreSheet.objects.update_or_create(
        offer=offer, scorer=scorer, defaults={"comment": comment.strip(), "updated_by": by}
    )
    sheet.scores.all().delete()
    Score.objects.bulk_create(
        Score(sheet=sheet, criterion_id=pk, value=value) for pk, value in values.items()
    )
    return sheet


# --- the selection


def assign_offer(project, offer, *, selected_on) -> ProjectPrestataire:
    """The chosen firm and the intervenants of its offer join the IC (cycle's guard)."""
    firm = offer.invitation.prestataire
    assignment, _created = ProjectPrestataire.objects.get_or_create(
        project=project, prestataire=firm,
        defaults={"selected_on": selected_on, "mission": offer.current.method[:2000]},
    )
    assignment.intervenants.add(*offer.current.intervenants.all())
    return assignment


@transaction.atomic
def sign_selection(call, *, by, offers, reasons: str, now=None, base_url="") -> CallForTender:
    _require(by, "tenders.manage_call", call.project)
    call = CallForTender.objects.select_for_update().select_related("project").get(pk=call.pk)
    offers = list(offers)
    all_offers = Offer.objects.filter(invitation__call=call, current__isnull=False)
    unscored = all_offers.filter(sheets__isnull=True)
    _refuse_if([
        *blockers(CALL, call, "sign", now=now),
        None if offers else _("Choisissez au moins une offre."),
        None if all(o.invitation.call_id == call.pk for o in offers) else _("Offre inconnue."),
        reason_missing(CALL, call, "sign", reasons),
        None if not unscored.exists() else _("Notez chaque offre avant de signer : %(firms)s.")
        % {"firms": ", ".join(str(o.invitation.prestataire) for o in
                              unscored.select_related("invitation__prestataire"))},
    ])
    now = now or timezone.now()
    all_offers.filter(pk__in=[o.pk for o in offers]).update(selected=True)
    call.signed_at, call.signed_by = now, by
    _fire(CALL, call, "sign", by=by, reason=reasons, now=now)
    chosen = all_offers.filter(selected=True).select_related(
        "invitation__prestataire", "current"
    )
    for offer in chosen:
        assign_offer(call.project, offer, selected_on=timezone.localdate(now))
    store_signed_documents(call, by=by, now=now)
    _notify_outcome(call, base_url)
    return call


def store_signed_documents(call, *, by, now) -> list[SignedDocument]:
    """The procès-verbal and each letter, rendered once and stored with their SHA-256."""
    from .selectors import call_context, letter_context

    call = CallForTender.objects.select_related("project__specification", "signed_by").get(
        pk=call.pk
    )
    documents = [_store(call, DocumentKind.REPORT, None,
                        render_pdf("tenders/report_pdf.html", call_context(call)), by, now)]
    invitations = call.invitations.select_related("call__project", "prestataire").filter(
        offer__current__isnull=False
    )
    for invitation in invitations:
        pdf = render_pdf("tenders/letter_pdf.html", letter_context(invitation))
        documents.append(_store(call, DocumentKind.LETTER, invitation, pdf, by, now))
    return documents


def _store(call, kind, invitation, pdf, by, now) -> SignedDocument:
    document = SignedDocument(call=call, kind=kind, invitation=invitation, signed_at=now,
                              signed_by=by)
    suffix = f"-{invitation.pk}" if invitation else ""
    document.attach(f"appels-d-offres/{call.pk}-{kind}{suffix}.pdf", pdf)
    document.save()
    return document


def _notify_outcome(call, base_url) -> None:
    invitations = call.invitations.select_related("prestataire", "offer").prefetch_related(
        "prestataire__intervenants"
    ).filter(offer__current__isnull=False)
    for invitation in invitations:
        link = base_url + reverse("tenders:letter_pdf", args=[invitation.pk])
        _send(
            _("Résultat de l'appel d'offres : %(title)s") % {"title": call.project.title},
            "tenders/emails/outcome.txt",
            {"call": call, "invitation": invitation, "chosen": invitation.offer.selected,
             "link": link},
            firm_recipients(invitation.prestataire),
        )
