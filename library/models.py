"""The library's index: one entry per IC whose grille is validated, as published."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

# The text search configuration the migration creates on PostgreSQL: French stemming over
# unaccented words, so « évaluée », « evaluee » and « évaluées » meet.
SEARCH_CONFIG = "french_unaccent"


class LibraryEntry(models.Model):
    """What the published monograph and its capitalisation items say, stored for search.

    Written only by library.services from the published (anonymised) monograph: a draft
    grille has no entry. ``search_vector`` is filled on PostgreSQL (GIN index created by
    the migration); SQLite searches ``folded`` instead.
    """

    project = models.OneToOneField(
        "cycle.Project", models.CASCADE, related_name="library_entry", verbose_name=_("IC")
    )
    document = models.TextField(_("texte publié"))
    folded = models.TextField(_("texte normalisé"), help_text=_("Minuscules, sans accents."))
    search_vector = SearchVectorField(null=True, editable=False)
    # The result card's text, written with the document (library.cards): a result page
    # reads one row per result, not the IC's grille, themes, sectors and tools.
    card = models.JSONField(_("fiche de résultat"), default=dict, editable=False)
    indexed_at = models.DateTimeField(_("indexé le"), auto_now=True)

    class Meta:
        verbose_name = _("entrée de la bibliothèque")
        verbose_name_plural = _("entrées de la bibliothèque")

    def __str__(self):
        return str(self.project)
