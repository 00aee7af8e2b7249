"""Vocabulary of the directory, declared once and reused by forms, pages and PDFs."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# code: label. Synced into the Sector table after migrate (see apps.py).
SECTORS = {
    "environnement": _("Environnement"),
    "dechets-reemploi": _("Déchets et réemploi"),
    "education-environnement": _("Éducation à l'environnement"),
    "patrimoine": _("Patrimoine local"),
    "insertion": _("Insertion par l'activité économique"),
    "education": _("Éducation populaire"),
    "culture": _("Culture"),
    "sport": _("Sport"),
    "social": _("Action sociale et médico-sociale"),
    "services-personne": _("Services à la personne"),
    "sante": _("Santé"),
    "tourisme": _("Tourisme social"),
    "alimentation": _("Agriculture et alimentation"),
    "tous": _("Tous secteurs"),
}


class OrganisationKind(models.TextChoices):
    DLA = "dla", _("DLA départemental")
    C2RA = "c2ra", _("DLA régional (C2RA)")


class LegalForm(models.TextChoices):
    ASSOCIATION = "association", _("Association loi 1901")
    SCOP = "scop", _("SCOP")
    SCIC = "scic", _("SCIC")
    INSERTION_COMPANY = "ei", _("Entreprise d'insertion")
    INSERTION_WORKSHOP = "aci", _("Atelier et chantier d'insertion")
    MUTUAL = "mutuelle", _("Mutuelle")
    FOUNDATION = "fondation", _("Fondation")
    PUBLIC = "public", _("Établissement public")
    LOCAL_AUTHORITY = "collectivite", _("Collectivité territoriale")
    OTHER = "autre", _("Autre")


class PartnerKind(models.TextChoices):
    STATE = "etat", _("Services de l'État (DDTEFP, DREETS, DIREN…)")
    REGION = "region", _("Conseil régional")
    DEPARTEMENT = "departement", _("Conseil départemental (général)")
    LOCAL_AUTHORITY = "collectivite", _("Autre collectivité")
    NETWORK = "reseau", _("Réseau ou fédération")
    FUNDER = "financeur", _("Financeur privé ou fondation")
    RESOURCE_CENTRE = "centre-ressources", _("Centre de ressources (CNAR, CRDLA, Avise)")
    OTHER = "autre", _("Autre")
