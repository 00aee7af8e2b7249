"""The register of processing (« registre des traitements », RGPD art. 30), declared once as
data: the admin page and docs/registre-rgpd.md are both derived from it."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import retention

CONTRACT = _("Exécution d'une mission d'intérêt public (art. 6.1.e) : le DLA, programme "
             "public d'accompagnement")
LEGITIMATE = _("Intérêt légitime (art. 6.1.f) : faire fonctionner l'application et la sécuriser")
CONSENT = _("Consentement (art. 6.1.a), révocable à tout moment")
TEAM = _("L'équipe qui pilote l'IC (DLA ou C2RA), le DLA régional de sa région, les "
         "administrateurs")


@dataclass(frozen=True)
class Processing:
    code: str
    label: str
    model: str  # app_label.Model
    fields: tuple[str, ...]
    purpose: str
    legal_basis: str
    retention: retention.Rule
    audience: str


REGISTER: tuple[Processing, ...] = (
    Processing(
        "users", _("Comptes utilisateurs"), "accounts.User",
        ("first_name", "last_name", "email", "username", "last_login", "role", "organisation"),
        _("Identifier les personnes qui se connectent et leur ouvrir ce que leur rôle permet."),
        LEGITIMATE, retention.ACCOUNT,
        _("La personne elle-même, les administrateurs ; le nom, aux équipes des IC où elle "
          "intervient."),
    ),
    Processing(
        "invitations", _("Invitations"), "accounts.Invitation",
        ("first_name", "last_name", "email", "invited_by"),
        _("Inviter une personne à créer son compte."), LEGITIMATE, retention.ACCOUNT,
        _("Qui a invité, les administrateurs."),
    ),
    Processing(
        "structure_contacts", _("Contacts des structures"), "directory.StructureContact",
        ("user", "structure", "created_at", "withdrawn_at", "withdrawn_by"),
        _("Donner aux représentants d'une structure accès à son espace dans les IC où elle "
          "s'engage."),
        CONTRACT, retention.CONTACT, TEAM,
    ),
    Processing(
        "intervenants", _("Intervenants des prestataires"), "directory.Intervenant",
        ("first_name", "last_name", "email", "user"),
        _("Désigner les consultants qui interviennent dans une IC."),
        CONTRACT, retention.INTERVENANT, TEAM,
    ),
    Processing(
        "committee_members", _("Membres des comités"), "cycle.CommitteeMember",
        ("person", "function"),
        _("Garder trace de la gouvernance de l'IC (comité d'appui, de pilotage)."),
        CONTRACT, retention.IC, TEAM,
    ),
    Processing(
        "messages", _("Messages des échanges"), "exchange.Message",
        ("author", "body", "created_at"),
        _("Échanger entre l'équipe, les intervenants et les structures d'une IC."),
        CONTRACT, retention.IC,
        _("Les participants du fil, selon la visibilité du message."),
    ),
    Processing(
        "attachments", _("Pièces jointes des messages"), "exchange.Attachment",
        ("original_name", "file_name"),
        _("Partager des documents dans un échange."), CONTRACT, retention.IC,
        _("Ceux qui voient le message."),
    ),
    Processing(
        "notes", _("Notes de l'équipe"), "exchange.Note",
        ("author", "body"), _("Suivre une structure au sein de l'équipe DLA."),
        CONTRACT, retention.IC, _("L'équipe qui pilote l'IC."),
    ),
    Processing(
        "attendance", _("Noms des présents aux séances"), "meetings.Attendee",
        ("name", "present"), _("Établir la feuille d'émargement d'une séance."),
        CONTRACT, retention.IC, TEAM,
    ),
    Processing(
        "followup", _("Réponses aux questionnaires de suivi"), "followup.Questionnaire",
        ("answers", "answered_by"),
        _("Mesurer les effets de l'IC sur les structures à N, N+1, N+2."),
        CONTRACT, retention.IC, TEAM,
    ),
    Processing(
        "documents", _("Documents du dossier"), "dossier.DocumentVersion",
        ("original_name", "uploaded_by"), _("Tenir le dossier unique de l'IC."),
        CONTRACT, retention.IC, TEAM,
    ),
    Processing(
        "transitions", _("Historique des étapes et leurs motifs"), "workflows.TransitionLog",
        ("by", "at", "comment"),
        _("Savoir qui a fait avancer, suspendu ou abandonné une IC, quand et pourquoi."),
        CONTRACT, retention.IC, TEAM,
    ),
    Processing(
        "notifications", _("Notifications"), "notifications.Notification",
        ("recipient", "title", "body"),
        _("Prévenir une personne de ce qui la concerne."), LEGITIMATE, retention.NOTIFICATION,
        _("Le destinataire seul."),
    ),
    Processing(
        "consent", _("Consentement à être nommée dans une publication"),
        "cycle.ProjectStructure",
        ("publication_consent", "consent_recorded_at", "consent_recorded_by"),
        _("Nommer une structure dans la monographie de l'IC ; sans consentement elle est "
          "anonymisée. Enregistré et retiré par l'équipe (cycle.services.record_consent, "
          "withdraw_consent) ; un retrait vaut pour les monographies émises ensuite."),
        CONSENT, retention.CONSENT, TEAM,
    ),
)
