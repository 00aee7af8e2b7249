"""The « utilisateurs » kind: each row is an invitation sent by accounts' own service (the
one of « inviter un·e collègue »). The account is created when the person opens the link
and chooses a password: until then nobody can sign in with it. An address that already has
an account, or an invitation still valid, is skipped: no second mail, ever."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import services as accounts
from accounts.models import Invitation, Role
from directory.models import Organisation
from directory.vocabulary import OrganisationKind

from . import cells

INVITED_ROLES = (Role.CHARGE_MISSION, Role.C2RA)  # the others join a firm's or a structure's team


def email_key(values):
    return ("email", values["email"].lower())


def references() -> dict:
    """DLAs by folded name and by département code (when only one DLA has it), C2RAs by
    région: read once per plan."""
    found, by_departement = {}, {}
    for organisation in Organisation.objects.all():
        if organisation.kind == OrganisationKind.C2RA:
            found[("c2ra", organisation.region_id)] = organisation
            continue
        found[("name", cells.fold(organisation.name))] = organisation
        by_departement.setdefault(organisation.departement_id, []).append(organisation)
    for code, dlas in by_departement.items():
        if code and len(dlas) == 1:
            found[("departement", code)] = dlas[0]
    return found


def known() -> dict:
    """Addresses to skip: accounts, and invitations still valid (their link serves)."""
    users = get_user_model().objects.exclude(email="")
    skipped = {("email", e.lower()): _("Un compte existe déjà pour cette adresse : ligne "
                                        "ignorée, aucun courriel envoyé.")
               for e in users.values_list("email", flat=True)}
    pending = Invitation.objects.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now(),
    ).values_list("email", flat=True)
    for address in pending:
        skipped.setdefault(("email", address.lower()), _(
            "Une invitation est déjà en attente pour cette adresse : ligne ignorée, aucun "
            "nouveau courriel."))
    return skipped


def _error(message, header):
    error = cells.CellError(message)
    error.header = header
    return error


def resolve(values, context):
    """The team: the région's C2RA for its staff, a DLA (by name or département) else."""
    role, region, wanted = values["role"], values.pop("region_id", None), values.pop(
        "organisation", None)
    if role not in INVITED_ROLES:
        raise _error(_("Ce rôle ne s'importe pas : invitez intervenant·es et représentant·es "
                       "depuis la fiche du prestataire ou de la structure."), _("Rôle"))
    if role == Role.C2RA:
        if region is None:
            raise _error(_("Région obligatoire pour l'équipe C2RA."), _("Région"))
        team = context.references.get(("c2ra", region))
        if team is None:
            raise _error(_("Aucun C2RA dans cette région."), _("Région"))
    else:
        if wanted is None:
            raise _error(_("DLA obligatoire pour un·e chargé·e de mission."), _("DLA"))
        team = context.references.get(("name", cells.fold(wanted)))
        if team is None:
            try:
                team = context.references.get(("departement", cells.departement(wanted)))
            except cells.CellError:
                team = None
        if team is None:
            raise _error(_("DLA inconnu : « %s ».") % wanted, _("DLA"))
    values["organisation"] = team
    return values


def territory(values):
    team = values.get("organisation")
    return (team.departement_id, team.region_id) if team else (None, None)


def check(user, values) -> dict:
    """The invitation rule of accounts decides, as for « inviter un·e collègue »."""
    invitation = Invitation(email=values["email"], role=values["role"],
                            organisation=values["organisation"])
    if user.has_perm("accounts.invite_user", invitation):
        return {}
    return {_("Rôle"): _("Vous ne pouvez pas inviter cette personne dans cette équipe.")}


def write(plan, *, by, on_progress, creates):
    """Send the invitations (inside the import's transaction: mails leave at its commit)."""
    total = max(len(creates), 1)
    for done, row in enumerate(creates, start=1):
        try:
            accounts.invite(
                by=by, email=row.values["email"], first_name=row.values["first_name"],
                last_name=row.values["last_name"], role=row.values["role"],
                organisation=row.values["organisation"], base_url=settings.SITE_URL,
            )
        except (PermissionDenied, ValidationError) as error:
            raise ValueError(_("ligne %(n)s : %(error)s") % {"n": row.number, "error": error}
                             ) from error
        on_progress(min(99, done * 100 // total))
