"""Operations on the directory: never enter the same organisation twice; DLAs and the
intervenants of a firm, with their invitations.

A name is compared through a *key*: lower case, without accents, punctuation,
common abbreviations ("asso." → "association") nor French articles, so that
"Asso. Les Jardins" and "Association les jardins" share the key
"association jardins".
"""

import re
import unicodedata
from difflib import SequenceMatcher

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import services as invitations
from accounts.models import Invitation, Role

from .models import (
    BeneficiaryStructure,
    Intervenant,
    Organisation,
    Partner,
    Prestataire,
    StructureContact,
)
from .vocabulary import OrganisationKind

ABBREVIATIONS = {
    "asso": "association",
    "assoc": "association",
    "ass": "association",
    "st": "saint",
    "ste": "sainte",
    "fed": "federation",
    "fede": "federation",
    "cie": "compagnie",
    "dept": "departement",
    "dep": "departement",
    "reg": "regional",
    "cc": "communaute de communes",
    "ccas": "centre communal d action sociale",
}
STOP_WORDS = frozenset(
    {"le", "la", "les", "l", "de", "des", "du", "d", "et", "en", "a", "au", "aux", "un", "une"}
)
# Above this ratio, two keys are close enough to ask the user (typos, a missing word).
SIMILARITY_THRESHOLD = 0.88


def name_key(name: str) -> str:
    """The comparison key of an organisation's name."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    expanded = " ".join(ABBREVIATIONS.get(word, word) for word in words).split()
    return " ".join(word for word in expanded if word not in STOP_WORDS)


def are_similar(key: str, other: str) -> bool:
    if not key or not other:
        return False
    if key == other:
        return True
    if re.findall(r"\d+", key) != re.findall(r"\d+", other):
        return False  # "Régie 59" and "Régie 62" are two organisations, not a typo
    return SequenceMatcher(None, key, other).ratio() >= SIMILARITY_THRESHOLD


def similar_names(model: type[models.Model], name: str, *, exclude_pk=None) -> list:
    """Rows of ``model`` whose name is near ``name`` (one query over names only)."""
    key = name_key(name)
    if not key:
        return []
    candidates = model.objects.only("pk", "name")
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    return [row for row in candidates if are_similar(key, name_key(row.name))]


def similar_structures(name: str, *, exclude_pk=None) -> list[BeneficiaryStructure]:
    return similar_names(BeneficiaryStructure, name, exclude_pk=exclude_pk)


def similar_partners(name: str, *, exclude_pk=None) -> list[Partner]:
    return similar_names(Partner, name, exclude_pk=exclude_pk)


def similar_prestataires(name: str, *, exclude_pk=None) -> list[Prestataire]:
    return similar_names(Prestataire, name, exclude_pk=exclude_pk)


class NearDuplicate(Exception):
    """Organisations with a near name exist: the user must confirm before saving."""

    def __init__(self, similar: list):
        self.similar = similar
        names = ", ".join(f"« {row.name} »" for row in similar)
        super().__init__(str(near_duplicate_message(names)))


def near_duplicate_message(names: str):
    return _(
        "Attention, un nom proche existe déjà dans l'annuaire : %(names)s. "
        "Vérifiez qu'il ne s'agit pas de la même organisation, puis cochez "
        "« Je confirme » pour l'enregistrer quand même."
    ) % {"names": names}


@transaction.atomic
def _create(model, similar_finder, *, confirmed: bool, **fields):
    if not confirmed and (similar := similar_finder(fields.get("name", ""))):
        raise NearDuplicate(similar)
    many = {
        name: fields.pop(name)
        for name in list(fields)
        if name in {f.name for f in model._meta.many_to_many}
    }
    instance = model(**fields)
    instance.full_clean()
    instance.save()
    for name, values in many.items():
        getattr(instance, name).set(values)
    return instance


def create_structure(*, confirmed: bool = False, **fields) -> BeneficiaryStructure:
    """Create a beneficiary structure; raise NearDuplicate unless ``confirmed``."""
    return _create(BeneficiaryStructure, similar_structures, confirmed=confirmed, **fields)


def create_partner(*, confirmed: bool = False, **fields) -> Partner:
    return _create(Partner, similar_partners, confirmed=confirmed, **fields)


def create_prestataire(*, confirmed: bool = False, **fields) -> Prestataire:
    return _create(Prestataire, similar_prestataires, confirmed=confirmed, **fields)


# --- DLAs and teams


@transaction.atomic
def create_dla(*, by, name: str, carrier: str, departement) -> Organisation:
    """A DLA départemental; its région is its département's (Organisation.clean)."""
    if not by.has_perm("directory.create_dla"):
        raise PermissionDenied
    own = None if by.is_admin_role else by.organisation
    if own is not None and departement.region_id != own.region_id:
        raise ValidationError({"departement": _("Ce département n'est pas dans votre région.")})
    if Organisation.objects.filter(name__iexact=name.strip()).exists():  # a double click too
        raise ValidationError({"name": _("Un DLA ou un C2RA porte déjà ce nom.")})
    dla = Organisation(
        kind=OrganisationKind.DLA, name=name.strip(), carrier=carrier.strip(),
        departement=departement,
    )
    dla.full_clean()
    dla.save()
    return dla


@transaction.atomic
def add_intervenant(
    *, by, prestataire: Prestataire, first_name: str, last_name: str, email: str,
    invite: bool, base_url: str,
) -> tuple[Intervenant, Invitation | None]:
    """A firm's intervenant, typed once: the record, and (``invite`` with an e-mail) the
    invitation whose acceptance links the new account to it (``link_account``)."""
    if not by.has_perm("directory.edit_directory"):
        raise PermissionDenied
    email = email.strip()
    if email and prestataire.intervenants.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("Un intervenant de ce prestataire a déjà cette adresse.")}
        )
    intervenant = Intervenant(
        prestataire=prestataire, first_name=first_name.strip(), last_name=last_name.strip(),
        email=email,
    )
    intervenant.full_clean()
    intervenant.save()
    invitation = None
    if invite and email:
        invitation, _sent = invitations.invite(
            by=by, email=email, first_name=intervenant.first_name,
            last_name=intervenant.last_name, role=Role.INTERVENANT, prestataire=prestataire,
            intervenant=intervenant, base_url=base_url,
        )
    return intervenant, invitation


def link_account(sender, *, invitation, user, **kwargs) -> None:
    """An invitation into a firm accepted: the new account is the firm's intervenant, on
    the record a chargé·e de mission typed (with the name the invitee confirmed) or on a
    new one (an intervenant invited a colleague). Receiver of accounts' signal."""
    if invitation.role == Role.STRUCTURE and invitation.structure_id is not None:
        StructureContact.objects.create(structure_id=invitation.structure_id, user=user)
        return
    if invitation.role != Role.INTERVENANT or invitation.prestataire_id is None:
        return
    intervenant = (
        Intervenant.objects.select_for_update()
        .filter(pk=invitation.intervenant_id, user__isnull=True)
        .first()
    ) or Intervenant(prestataire_id=invitation.prestataire_id)
    intervenant.first_name = user.first_name
    intervenant.last_name = user.last_name
    intervenant.email = user.email
    intervenant.user = user
    intervenant.save()


# --- a beneficiary structure's contacts (représentant·es de structure)


def may_manage_contacts(user, structure) -> bool:
    """Inviting a structure's contacts and withdrawing their access: one right, derived from
    who may invite whom (accounts.rules: a pilot of an IC the structure is committed to)."""
    sample = Invitation(role=Role.STRUCTURE, structure=structure)
    return user.has_perm("accounts.invite_user", sample)


@transaction.atomic
def invite_structure_contact(
    *, by, structure: BeneficiaryStructure, first_name: str, last_name: str, email: str,
    base_url: str,
) -> tuple[Invitation, bool]:
    """Invite a contact of ``structure``; accepting makes them its StructureContact."""
    return invitations.invite(
        by=by, email=email, first_name=first_name, last_name=last_name,
        role=Role.STRUCTURE, structure=structure, base_url=base_url,
    )


@transaction.atomic
def withdraw_contact(*, by, contact_id: int) -> StructureContact:
    """« Retirer l'accès »: from the next request on, the account reaches no IC."""
    contact = (
        StructureContact.objects.select_for_update(of=("self",))
        .select_related("structure").get(pk=contact_id)
    )
    if not may_manage_contacts(by, contact.structure):
        raise PermissionDenied
    if contact.withdrawn_at is None:  # twice: withdrawn once, at the first time
        contact.withdrawn_at = timezone.now()
        contact.withdrawn_by = by
        contact.save(update_fields=["withdrawn_at", "withdrawn_by"])
    return contact
