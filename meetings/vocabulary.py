"""The sessions' vocabulary, declared once."""

from django.db import models
from django.utils.translation import gettext_lazy as _

TIME_ZONE = "Europe/Paris"  # sessions happen in France: their times are Paris times
MAX_SEATS = 50


class Answer(models.TextChoices):
    PENDING = "attente", _("Pas encore répondu")
    YES = "vient", _("Vient")
    NO = "ne_vient_pas", _("Ne vient pas")
