"""The generated data set is bulk-inserted (no signals): its library is indexed all the same."""

import pytest

from demo import dataset
from grille.models import Grille, GrilleStatus
from library.models import LibraryEntry
from library.selectors import search

pytestmark = pytest.mark.django_db


def test_the_generated_data_set_is_in_the_library():
    counts = dataset.generate("small", 1)
    validated = Grille.objects.filter(status=GrilleStatus.VALIDATED).count()
    assert validated and counts["library_entries"] == validated == LibraryEntry.objects.count()
    assert search({"q": "ateliers collectifs"}).count() == validated  # every grille says it
    assert search({"q": "boulangerie"}).count() == 0
