"""Invitations: send, re-send, revoke, accept. Each link serves once and expires.

The link carries a random token; only its SHA-256 is stored. Re-sending draws a new token
(the old link dies with its hash); accepting or revoking ends the invitation. One invitation
is pending per e-mail and team: inviting again while it is pending (a double click) sends
nothing new, and once it has expired it is re-sent.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import Invitation, Role
from .rules import C2RA_KIND
from .signals import invitation_accepted


def sent_notice(invitation: Invitation, sent: bool) -> str:
    """What the inviter reads once ``invite`` has answered (one wording for every team)."""
    if sent:
        return _("Invitation envoyée à %(email)s.") % {"email": invitation.email}
    return _(
        "Une invitation est déjà en attente pour %(email)s, valable jusqu'au %(day)s : "
        "le lien déjà envoyé sert toujours."
    ) % {
        "email": invitation.email,
        "day": formats.date_format(timezone.localtime(invitation.expires_at), "j F Y"),
    }


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def team_key(*, organisation_id=None, prestataire_id=None, structure_id=None) -> str:
    if structure_id:
        return f"structure:{structure_id}"
    return f"org:{organisation_id}" if organisation_id else f"firm:{prestataire_id}"


def find_invitation(token: str) -> Invitation | None:
    """The invitation of ``token`` if it exists (used, revoked or expired included)."""
    return (
        Invitation.objects.select_related(
            "organisation", "prestataire", "structure", "invited_by"
        )
        .filter(token_hash=token_hash(token))
        .first()
    )


def _check_team(invitation: Invitation) -> None:
    """The role matches the team: a firm's intervenant, a DLA's or C2RA's staff."""
    if invitation.role == Role.INTERVENANT:
        fits = invitation.prestataire_id is not None
    elif invitation.role == Role.STRUCTURE:
        fits = invitation.structure_id is not None
    elif invitation.role == Role.C2RA:
        fits = invitation.organisation is not None and invitation.organisation.kind == C2RA_KIND
    else:
        fits = invitation.role == Role.CHARGE_MISSION and invitation.organisation is not None
    if not fits:
        raise ValidationError(_("Ce rôle ne correspond pas à l'équipe choisie."))


def _check_no_account(email: str) -> None:
    users = get_user_model().objects
    if users.filter(email__iexact=email).exists() or users.filter(username__iexact=email).exists():
        raise ValidationError(
            {"email": _(
                "Un compte existe déjà pour cette adresse : la personne peut se connecter."
            )}
        )


def _issue(invitation: Invitation, *, base_url: str) -> None:
    """A new token, a new expiry, the mail: any earlier link of this invitation is dead."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_hash = token_hash(token)
    invitation.sent_at = now
    invitation.expires_at = now + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitation.save()
    link = base_url.rstrip("/") + reverse("accept_invitation", args=[token])
    transaction.on_commit(lambda: _send_mail(invitation, link))


def _send_mail(invitation: Invitation, link: str) -> None:
    context = {
        "invitation": invitation,
        "link": link,
        "team": invitation.organisation or invitation.prestataire or invitation.structure,
        "inviter": invitation.invited_by,
        "days": settings.INVITATION_VALID_DAYS,
    }
    subject = _("Invitation à l'application des ingénieries collectives DLA")
    mail = EmailMultiAlternatives(
        subject, render_to_string("accounts/emails/invitation.txt", context),
        to=[invitation.email],
    )
    html = render_to_string("accounts/emails/invitation.html", context)
    mail.attach_alternative(html, "text/html")
    mail.send()


@transaction.atomic
def invite(
    *, by, email: str, first_name: str, last_name: str, role: str,
    organisation=None, prestataire=None, intervenant=None, structure=None, base_url: str,
) -> tuple[Invitation, bool]:
    """Invite someone into a team; (invitation, whether a mail left).

    PermissionDenied unless ``by`` may (accounts.rules); ValidationError for a role that does
    not fit the team or an address that already has an account.
    """
    email = get_user_model().objects.normalize_email(email.strip())
    invitation = Invitation(
        email=email, first_name=first_name.strip(), last_name=last_name.strip(), role=role,
        organisation=organisation, prestataire=prestataire, intervenant=intervenant,
        structure=structure, invited_by=by,
        team_key=team_key(
            organisation_id=getattr(organisation, "pk", None),
            prestataire_id=getattr(prestataire, "pk", None),
            structure_id=getattr(structure, "pk", None),
        ),
    )
    if not by.has_perm("accounts.invite_user", invitation):
        raise PermissionDenied
    _check_team(invitation)
    _check_no_account(email)
    pending = (
        Invitation.objects.select_for_update()
        .filter(email__iexact=email, team_key=invitation.team_key)
        .filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if pending is not None:
        if pending.is_usable(timezone.now()):
            return pending, False  # already on its way: a double click sends nothing more
        _issue(pending, base_url=base_url)
        return pending, True
    try:
        with transaction.atomic():
            _issue(invitation, base_url=base_url)
    except IntegrityError:  # the same invitation, sent at the same instant by a twin request
        return Invitation.objects.get(
            email__iexact=email, team_key=invitation.team_key,
            accepted_at__isnull=True, revoked_at__isnull=True,
        ), False
    return invitation, True


def _pending_for(by, invitation_id) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update(of=("self",))  # PostgreSQL: not the outer join
        .select_related("organisation")
        .get(pk=invitation_id)
    )
    if not by.has_perm("accounts.invite_user", invitation):
        raise PermissionDenied
    if not invitation.is_pending:
        raise ValidationError(_("Cette invitation a déjà été acceptée ou révoquée."))
    return invitation


@transaction.atomic
def resend(*, by, invitation_id: int, base_url: str) -> Invitation:
    """A new link (7 days again) by mail; the previous link no longer opens."""
    invitation = _pending_for(by, invitation_id)
    _issue(invitation, base_url=base_url)
    return invitation


@transaction.atomic
def revoke(*, by, invitation_id: int) -> Invitation:
    invitation = _pending_for(by, invitation_id)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def accept(*, token: str, first_name: str, last_name: str, password: str):
    """Create the invitee's account (identifier: the e-mail) and end the invitation.

    ValidationError if the link was used, revoked or has expired meanwhile.
    """
    invitation = (
        Invitation.objects.select_for_update()
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None or not invitation.is_usable(timezone.now()):
        raise ValidationError(_("Ce lien d'invitation n'est plus valable."))
    _check_no_account(invitation.email)
    user = get_user_model().objects.create_user(
        username=invitation.email, email=invitation.email, password=password,
        first_name=first_name.strip(), last_name=last_name.strip(), role=invitation.role,
        organisation_id=invitation.organisation_id,
    )
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    invitation_accepted.send(sender=Invitation, invitation=invitation, user=user)
    return user
