from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CHARGE_MISSION = "charge_mission", _("Chargé·e de mission")
    C2RA = "c2ra", _("Équipe C2RA")
    INTERVENANT = "intervenant", _("Intervenant·e d'un prestataire")
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
