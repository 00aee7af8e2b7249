"""The directory: chargés de mission, C2RA staff and admins read it; chargés de mission and
admins create and edit; intervenants have none (403). An empty POST re-shows the form (200)."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import Invitation, Role
from cycle.models import ProjectPartner, ProjectStructure
from directory.models import BeneficiaryStructure, Partner, Prestataire

from .base import ROLES, Access

FORBIDDEN = {
    "intervenant": 403, "other_intervenant": 403, "structure": 403, "other_structure": 403,
}
READERS = {**dict.fromkeys(ROLES, 200), "anonymous": 302, **FORBIDDEN}
EDITORS = {**READERS, "c2ra": 403}
REDIRECT = {**dict.fromkeys(ROLES, 302), **FORBIDDEN}


def _entries(kind, sample):
    kwargs = {"pk": sample}
    return {
        f"directory:{kind}_list": Access(kwargs={}, get=READERS),
        f"directory:{kind}_detail": Access(kwargs=kwargs, get=READERS),
        f"directory:{kind}_create": Access(kwargs={}, get=EDITORS, post=EDITORS, data={}),
        f"directory:{kind}_update": Access(kwargs=kwargs, get=EDITORS, post=EDITORS, data={}),
    }


# Teams (team_views.py): a team's page is its members' and its inviters' (others: 404);
# the DLA list and creation are a C2RA's and an admin's. Samples: "organisation" is the
# chargé·e de mission's DLA (in the C2RA's region), "firm" the intervenant's firm,
# "invitation" a pending invitation into that DLA.
HIDDEN = {"anonymous": 302, **dict.fromkeys(ROLES[1:], 404)}
DLA_TEAM = {**HIDDEN, "charge_mission": 200, "c2ra": 200, "admin": 200}
FIRM_TEAM = {
    **HIDDEN, "charge_mission": 200, "other_charge_mission": 200, "intervenant": 200,
    "admin": 200,
}
ACT_ON_INVITATION = {**HIDDEN, "charge_mission": 302, "c2ra": 302, "admin": 302}
REGIONAL = {**dict.fromkeys(ROLES, 403), "anonymous": 302, "c2ra": 200, "admin": 200}

ACCESS = {
    "directory:index": Access(kwargs={}, get=REDIRECT),
    # A structure's representative has no team: 403.
    "directory:team": Access(
        kwargs={}, get={**dict.fromkeys(ROLES, 302), "structure": 403, "other_structure": 403}
    ),
    "directory:team_organisation": Access(
        kwargs={"pk": "organisation"}, get=DLA_TEAM, post=DLA_TEAM, data={}
    ),
    "directory:team_firm": Access(kwargs={"pk": "firm"}, get=FIRM_TEAM, post=FIRM_TEAM, data={}),
    "directory:team_resend": Access(
        kwargs={"pk": "invitation"}, get={**dict.fromkeys(ROLES, 405), "anonymous": 302},
        post=ACT_ON_INVITATION,
    ),
    "directory:team_revoke": Access(
        kwargs={"pk": "invitation"}, get={**dict.fromkeys(ROLES, 405), "anonymous": 302},
        post=ACT_ON_INVITATION,
    ),
    "directory:team_dlas": Access(kwargs={}, get=REGIONAL),
    "directory:team_dla_create": Access(kwargs={}, get=REGIONAL, post=REGIONAL, data={}),
    "directory:intervenant_create": Access(
        kwargs={"pk": "prestataire"}, get=EDITORS, post=EDITORS, data={}
    ),
    **_entries("structure", "structure"),
    **_entries("partner", "partner"),
    **_entries("prestataire", "prestataire"),
}


def _structure(s):
    structure = BeneficiaryStructure.objects.create(
        name="Recyclerie des Flandres", legal_form="association", siret="73282932000074",
        sector_id="dechets-reemploi", departement_id="59",
    )
    ProjectStructure.objects.create(project=s["project"], structure=structure)
    return structure


def _partner(s):
    partner = Partner.objects.create(name="DREETS Hauts-de-France", kind="etat", region_id="32")
    ProjectPartner.objects.create(project=s["project"], partner=partner, role="financeur")
    return partner


def _prestataire(s):
    return Prestataire.objects.create(name="Cabinet Gamma", departement_id="59")


def _firm(s):
    return Prestataire.objects.get(name="Cabinet Alpha")  # the intervenant's (test_url_access)


def _invitation(s):
    now = timezone.now()
    return Invitation.objects.create(
        email="lea@example.org", first_name="Léa", last_name="Petit",
        role=Role.CHARGE_MISSION, organisation=s["organisation"],
        team_key=f"org:{s['organisation'].pk}", token_hash="0" * 64, sent_at=now,
        expires_at=now + timedelta(days=7),
    )


SAMPLES = {
    "structure": _structure, "partner": _partner, "prestataire": _prestataire,
    "firm": _firm, "invitation": _invitation,
}
