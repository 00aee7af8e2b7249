"""Vocabulary of an IC project, declared once for forms, pages and documents."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ICType(models.TextChoices):
    """The two types of the fiche technique."""

    COLLECTIVE_RESPONSE = "reponse_collective", _("Réponse collective aux structures")
    SHARED_SOLUTION = "solution_partagee", _(
        "Production d'une solution individuelle et/ou collective avec les structures"
    )


class NeedKind(models.TextChoices):
    """The fiche technique's second question: what kind of need do the structures have?"""

    SPECIFIC = "specifique", _("Un besoin spécifique, propre à une structure")
    SIMILAR = "semblable", _("Des besoins identiques ou semblables à d'autres structures")
    COMMON = "commun", _("Un besoin commun, partagé entre plusieurs structures")


class ProblemOrigin(models.TextChoices):
    DIAGNOSTICS = "diagnostics", _(
        "Diagnostics et préconisations identiques ou similaires à plusieurs structures"
    )
    GROUP = "groupement", _(
        "Définie avec un groupement de structures ayant un besoin commun"
    )


class TerritorialScale(models.TextChoices):
    DEPARTEMENTAL = "departemental", _("Départemental")
    INTERDEPARTEMENTAL = "interdepartemental", _("Interdépartemental")
    REGIONAL = "regional", _("Régional")
    INTERREGIONAL = "interregional", _("Interrégional")


class PartnerRole(models.TextChoices):
    CONCEPTION = "conception", _("Conception")
    IMPLEMENTATION = "mise_en_oeuvre", _("Mise en œuvre")
    FUNDER = "financeur", _("Financeur")
    NETWORK = "reseau", _("Réseau")
    NETWORK_HEAD = "tete_de_reseau", _("Tête de réseau")


class ParticipationStatus(models.TextChoices):
    IDENTIFIED = "identifiee", _("Identifiée")
    CONTACTED = "contactee", _("Contactée")
    COMMITTED = "engagee", _("Engagée")
    WITHDREW = "retiree", _("Retirée")


# Each participation status's colour (a Bootstrap tone) on badges.
PARTICIPATION_TONES = {
    ParticipationStatus.IDENTIFIED: "light", ParticipationStatus.CONTACTED: "info",
    ParticipationStatus.COMMITTED: "success", ParticipationStatus.WITHDREW: "secondary",
}


class CommitteeKind(models.TextChoices):
    APPUI = "appui", _("Comité d'appui")
    PILOTAGE = "pilotage", _("Comité de pilotage")
    ANIMATION = "animation", _("Comité d'animation")
    COORDINATION = "coordination", _("Comité de coordination")


class ObjectiveKind(models.TextChoices):
    OPERATIONAL = "operationnel", _("Objectif opérationnel")
    EVALUATION = "evaluation", _("Objectif d'évaluation")


class ProjectTab(models.TextChoices):
    """The IC page's tabs, by their ``?onglet=`` name, first shown first."""

    PRESENTATION = "presentation", _("Présentation")
    OBJECTIVES = "objectifs", _("Objectifs")
    BUDGET = "budget", _("Budget")
    ACTORS = "acteurs", _("Acteurs")
    COMMITTEES = "comites", _("Comités")
    CAPITALISATION = "capitalisation", _("Capitalisation")
    HISTORY = "historique", _("Historique")


class CapitalisationNature(models.TextChoices):
    METHOD = "methode", _("Méthode, procédé")
    TOOL = "outil", _("Outil")
    CONTENT = "contenu", _("Contenu")
    ANALYSIS = "analyse", _("Analyse")
    SECTOR_KNOWLEDGE = "secteur", _("Information sur le secteur")
    TERRITORY_KNOWLEDGE = "territoire", _("Information sur le territoire")


class TransferResponsible(models.TextChoices):
    DLA = "dla", _("Le DLA / C2RA")
    RESOURCE_CENTRE = "centre_ressources", _("Le centre de ressources (CNAR, CRDLA)")
    PARTNERS = "partenaires", _("Les partenaires")
    INTERVENANTS = "intervenants", _("Les intervenants")
    NETWORK = "reseau", _("Le réseau des structures")
