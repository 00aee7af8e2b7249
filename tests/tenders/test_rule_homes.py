"""Opening a call asks the weights' total of the cahier des charges' one rule."""

from monographs.checks import WEIGHTS_TOTAL
from monographs.models import Criterion
from tenders import services


def test_opening_reuses_the_weights_total_rule(issued):
    assert services.missing_preconditions(issued) == []
    Criterion.objects.filter(specification__project=issued, label="Prix").update(weight=10)
    assert services.missing_preconditions(issued) == [WEIGHTS_TOTAL.text(90)]
