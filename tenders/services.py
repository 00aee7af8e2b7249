"""Operations on a call for tender: each checks, then does, in one transaction."""

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cycle.exceptions import TransitionRefused
from cycle.models import Project, ProjectPrestataire
from cycle.states import SPECIFICATION_STATES
from cycle.vocabulary import ParticipationStatus
from directory.models import Region
from monographs.models import Specification
from monographs.vocabulary import TOTAL_WEIGHT

from . import uploads
from .deadlines import in_french, on_time, passed
from .models import (
    CallForTender,
    Invitation,
    Offer,
    OfferVersion,
    Score,
    Scorer,
    ScoreSheet,
)
from .vocabulary import SCORE_MAX, SCORE_MIN, InvitationStatus, ScorerKind


class TenderRefused(TransitionRefused):
    """The operation is not possible now; ``missing`` says why, in French."""


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


def missing_preconditions(project) -> list[str]:
    """What the IC lacks before any call can open (state, cahier des charges, weights)."""
    specification = Specification.objects.filter(project=project).first()
    weights = sum(c.weight for c in specification.criteria.all()) if specification else 0
    return [
        message for ok, message in (
            (project.state in SPECIFICATION_STATES,
             _("Un appel d'offres se lance à l'étape Confirmer.")),
            (specification is not None, _("Rédigez d'abord le cahier des charges.")),
            (project.specification_issued_on, _("Émettez d'abord le cahier des charges.")),
            (specification is None or weights == TOTAL_WEIGHT,
             _("Les pondérations des critères totalisent %(total)s %% : elles doivent "
               "totaliser 100 %%.") % {"total": weights}),
            (not CallForTender.objects.filter(project=project).exists(),
             _("Cette IC a déjà un appel d'offres.")),
        ) if not ok
    ]


def missing_to_open(project, *, prestataires, intent_deadline, reply_deadline, now=None):
    now = now or timezone.now()
    return missing_preconditions(project) + [
        message for ok, message in (
            (list(prestataires), _("Invitez au moins un prestataire.")),
            (reply_deadline > now, _("La date limite de dépôt des offres doit être à venir.")),
            (intent_deadline <= reply_deadline,
             _("La date pour annoncer une réponse doit précéder la date limite de dépôt.")),
        ) if not ok
    ]


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


# --- the firm's side


def _late(deadline):
    return _("La date limite de dépôt des offres était le %(deadline)s : il n'est plus "
             "possible de répondre.") % {"deadline": in_french(deadline)}


@transaction.atomic
def declare_intent(invitation, *, by, will_answer: bool, reason: str = "", now=None):
    _require(by, "tenders.answer_call", invitation.call)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    call = invitation.call
    deadline = call.intent_deadline if will_answer else call.reply_deadline
    _refuse_if([
        None if on_time(call.reply_deadline, now) else _late(call.reply_deadline),
        None if on_time(deadline, now) else _(
            "La date pour annoncer une réponse était le %(deadline)s."
        ) % {"deadline": in_french(deadline)},
        None if invitation.status != InvitationStatus.SUBMITTED else _(
            "Votre offre est déjà déposée."
        ),
        None if will_answer or reason.strip() else _("Indiquez pourquoi vous déclinez."),
    ])
    invitation.status = InvitationStatus.WILL_ANSWER if will_answer else InvitationStatus.DECLINED
    invitation.decline_reason = "" if will_answer else reason.strip()
    invitation.answered_at = now or timezone.now()
    invitation.save(update_fields=["status", "decline_reason", "answered_at"])
    return invitation


@uploads.discard_on_failure
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
        None if on_time(invitation.call.reply_deadline, now)
        else _late(invitation.call.reply_deadline),
        None if invitation.status != InvitationStatus.DECLINED
        else _("Vous avez décliné cet appel d'offres."),
        None if upload is not None or previous else _("Joignez votre offre en PDF."),
        None if phases else _("Décrivez au moins une phase."),
        None if price is not None and price >= 0 else _("Indiquez le prix en euros TTC."),
        None if all(i.prestataire_id == invitation.prestataire_id for i in intervenants)
        else _("Un intervenant n'appartient pas à votre cabinet."),
    ])
    if upload is not None:
        uploads.validate_pdf(upload)
        file_name, file_size = uploads.store_pdf(upload), upload.size
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
    invitation.status = InvitationStatus.SUBMITTED
    invitation.answered_at = now
    invitation.save(update_fields=["status", "answered_at"])
    return version


# --- scoring


def _scoring_open(call, now=None):
    return [
        None if passed(call.reply_deadline, now) else _(
            "La notation s'ouvre après la date limite de dépôt (%(deadline)s)."
        ) % {"deadline": in_french(call.reply_deadline)},
        None if call.signed_at is None else _(
            "Le choix est signé : les notes ne peuvent plus être modifiées."
        ),
    ]


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
        None if call.signed_at is None else _("Le choix est signé."),
        None if name.strip() else _("Indiquez le nom du représentant."),
        None if committed_structures(call.project).filter(pk=structure.pk).exists()
        else _("Cette structure n'est pas engagée dans l'IC."),
    ])
    return Scorer.objects.create(
        call=call, kind=ScorerKind.STRUCTURE, name=name.strip(), structure=structure
    )


def own_scorer(call, user) -> Scorer | None:
    return Scorer.objects.filter(call=call, user=user).first()


@transaction.atomic
def save_sheet(offer, *, by, values: dict, comment: str = "", scorer=None, now=None):
    """``values``: criterion pk → integer 0–5, one for every criterion of the cahier des charges.

    ``scorer`` None is the signed-in chargé de mission himself.
    """
    call = CallForTender.objects.select_for_update().select_related("project").get(
        pk=offer.invitation.call_id
    )
    _require(by, "tenders.manage_call", call.project)
    criteria = list(call.project.specification.criteria.all())
    _refuse_if([
        *_scoring_open(call, now),
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
    sheet, _created = ScoreSheet.objects.update_or_create(
        offer=offer, scorer=scorer, defaults={"comment": comment.strip()}
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
        *_scoring_open(call, now),
        None if offers else _("Choisissez au moins une offre."),
        None if all(o.invitation.call_id == call.pk for o in offers) else _("Offre inconnue."),
        None if reasons.strip() else _("Motivez le choix."),
        None if not unscored.exists() else _("Notez chaque offre avant de signer : %(firms)s.")
        % {"firms": ", ".join(str(o.invitation.prestataire) for o in
                              unscored.select_related("invitation__prestataire"))},
    ])
    now = now or timezone.now()
    all_offers.filter(pk__in=[o.pk for o in offers]).update(selected=True)
    call.selection_reasons = reasons.strip()
    call.signed_at, call.signed_by = now, by
    call.save(update_fields=["selection_reasons", "signed_at", "signed_by"])
    chosen = all_offers.filter(selected=True).select_related(
        "invitation__prestataire", "current"
    )
    for offer in chosen:
        assign_offer(call.project, offer, selected_on=timezone.localdate(now))
    _notify_outcome(call, base_url)
    return call


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
