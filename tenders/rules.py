"""Who may do what with a call for tender.

- the IC's chargés de mission (and admins) run the call: invite, score, sign;
- an intervenant sees only the calls his firm is invited to, and only his firm's
  offer; the firm's letter once the choice is signed;
- C2RA staff and everyone else: nothing (the views answer 404).
"""

import rules

from accounts.models import Role
from cycle.rules import can_edit_project


def firm_id(user) -> int | None:
    if not (user.is_authenticated and user.is_active and user.role == Role.INTERVENANT):
        return None
    intervenant = getattr(user, "intervenant", None)
    return intervenant.prestataire_id if intervenant else None


@rules.predicate
def can_manage_call(user, project) -> bool:
    return can_edit_project(user, project)


@rules.predicate
def is_invited(user, call) -> bool:
    firm = firm_id(user)
    return bool(call and firm and call.invitations.filter(prestataire_id=firm).exists())


@rules.predicate
def can_view_offer(user, offer) -> bool:
    if offer is None:
        return False
    if firm_id(user) == offer.invitation.prestataire_id:
        return True
    # Sealed until the pilots open the offers, after the reply deadline (recorded).
    call = offer.invitation.call
    return call.offers_unsealed and can_edit_project(user, call.project)


@rules.predicate
def can_view_letter(user, invitation) -> bool:
    if invitation is None or not invitation.call.is_signed:
        return False
    if firm_id(user) == invitation.prestataire_id:
        return True
    return can_edit_project(user, invitation.call.project)


@rules.predicate
def can_list_calls(user) -> bool:
    if firm_id(user) is not None:
        return True
    return user.is_authenticated and (user.is_admin_role or user.role == Role.CHARGE_MISSION)


@rules.predicate
def is_intervenant(user) -> bool:
    return firm_id(user) is not None


rules.add_perm("tenders.manage_call", can_manage_call)
rules.add_perm("tenders.answer_call", is_invited)
rules.add_perm("tenders.view_offer", can_view_offer)
rules.add_perm("tenders.view_letter", can_view_letter)
rules.add_perm("tenders.list_calls", can_list_calls)
rules.add_perm("tenders.answer_calls", is_intervenant)
# The menu tests the rule itself: a perm check that fails would fall through to Django's
# ModelBackend and cost two permission queries on every page.
rules.add_rule("tenders.answer_calls", is_intervenant)
