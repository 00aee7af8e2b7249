"""Vocabulary of the documents, declared once."""

from django.utils.translation import gettext_lazy as _

# The seed's four fields of criteria (II.B.2, "Pour la troisième étape") plus the price.
# Default weights sum to 100; each IC adjusts them in its cahier des charges.
DEFAULT_CRITERIA = (
    (_("Qualité des contenus et forme des apports méthodologiques et pratiques"), 30),
    (_("Niveau d'engagement demandé aux structures par le prestataire"), 15),
    (_("Modalités d'échanges et d'animation : rencontres collectives, individuelles"), 20),
    (_("Modalités d'enquête et de recueil d'information préalables à l'ingénierie"), 15),
    (_("Prix"), 20),
)
TOTAL_WEIGHT = 100
