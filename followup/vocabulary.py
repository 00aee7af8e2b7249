from django.db import models
from django.utils.translation import gettext_lazy as _


class Year(models.IntegerChoices):
    """Which questionnaire: at the IC's closing (N), one year later, two years later."""

    N = 0, _("N (clôture)")
    N1 = 1, _("N+1")
    N2 = 2, _("N+2")


SHORT = {Year.N: "N", Year.N1: "N+1", Year.N2: "N+2"}


class Channel(models.TextChoices):
    APP = "app", _("Dans l'application")
    PHONE = "phone", _("Par téléphone")
