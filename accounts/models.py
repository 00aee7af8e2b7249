from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CHARGE_MISSION = "charge_mission", _("Chargé·e de mission")
    C2RA = "c2ra", _("Équipe C2RA")
    INTERVENANT = "intervenant", _("Intervenant·e d'un prestataire")
    STRUCTURE = "structure", _("Représentant·e de structure")
    ADMIN = "admin", _("Administrateur")


class User(AbstractUser):
    """A person who signs in; the role and organisation decide what they may see."""

    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "directory.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("DLA ou C2RA"),
        help_text=_("Pour les chargés de mission et l'équipe C2RA."),
    )

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=[Role.CHARGE_MISSION, Role.C2RA])
                | Q(organisation__isnull=False),
                name="user_staff_role_has_organisation",
                violation_error_message=_(
                    "Un chargé de mission ou un membre du C2RA appartient à un DLA ou un C2RA."
                ),
            ),
            # A structure's representative belongs to a structure (directory.StructureContact),
            # never to a DLA or a C2RA.
            models.CheckConstraint(
                condition=~Q(role=Role.STRUCTURE) | Q(organisation__isnull=True),
                name="user_structure_role_has_no_organisation",
                violation_error_message=_(
                    "Un·e représentant·e de structure n'appartient à aucun DLA ni C2RA."
                ),
            ),
            # The admin site is for administrators only: nobody else may be staff.
            models.CheckConstraint(
                condition=Q(is_staff=False) | Q(role=Role.ADMIN) | Q(is_superuser=True),
                name="user_staff_is_admin",
                violation_error_message=_(
                    "Seul un administrateur peut accéder au site d'administration "
                    "(statut équipe)."
                ),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def is_admin_role(self) -> bool:
        return self.is_superuser or self.role == Role.ADMIN


# Invitations live in accounts, beside the User they become: accepting one creates a User,
# which is accounts' business. The team an invitee joins is a DLA/C2RA or a firm, both of
# the directory: named by string, as User.organisation already is (accounts never imports
# directory). What a firm's acceptance also means (an Intervenant record) is directory's
# part, plugged in through the ``invitation_accepted`` signal (accounts/signals.py).
class Invitation(models.Model):
    """A single-use, expiring link by which someone joins a team and sets a password.

    Only a hash of the link's token is stored: the database alone never lets anyone in.
    """

    email = models.EmailField(_("courriel"))
    first_name = models.CharField(_("prénom"), max_length=150)
    last_name = models.CharField(_("nom"), max_length=150)
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "directory.Organisation", models.CASCADE, null=True, blank=True,
        related_name="account_invitations", verbose_name=_("DLA ou C2RA"),
    )
    prestataire = models.ForeignKey(
        "directory.Prestataire", models.CASCADE, null=True, blank=True,
        related_name="account_invitations", verbose_name=_("prestataire"),
    )
    # A beneficiary structure: the account becomes one of its contacts (directory).
    structure = models.ForeignKey(
        "directory.BeneficiaryStructure", models.CASCADE, null=True, blank=True,
        related_name="account_invitations", verbose_name=_("structure bénéficiaire"),
    )
    # The firm's record typed by a chargé·e de mission: the account is linked to it.
    intervenant = models.ForeignKey(
        "directory.Intervenant", models.SET_NULL, null=True, blank=True,
        related_name="account_invitations", verbose_name=_("intervenant"),
    )
    # "org:<pk>", "firm:<pk>" or "structure:<pk>": one key for the one-pending-invitation constraint
    # (nullable foreign keys would never collide in a unique constraint).
    team_key = models.CharField(max_length=40, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+",
        verbose_name=_("invité·e par"),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    sent_at = models.DateTimeField(_("envoyée le"))
    expires_at = models.DateTimeField(_("valable jusqu'au"))
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoquée le"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
        related_name="invitation", verbose_name=_("compte créé"),
    )

    class Meta:
        verbose_name = _("invitation à créer un compte")
        verbose_name_plural = _("invitations à créer un compte")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), "team_key",
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_pending_per_email_and_team",
                violation_error_message=_("Une invitation est déjà en attente pour cette adresse."),
            ),
            models.CheckConstraint(
                condition=Q(
                    organisation__isnull=False, prestataire__isnull=True, structure__isnull=True
                )
                | Q(organisation__isnull=True, prestataire__isnull=False, structure__isnull=True)
                | Q(organisation__isnull=True, prestataire__isnull=True, structure__isnull=False),
                name="invitation_joins_one_team",
                violation_error_message=_(
                    "Une invitation rejoint un DLA, un prestataire ou une structure."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} <{self.email}>"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    def is_usable(self, now) -> bool:
        return self.is_pending and now < self.expires_at
