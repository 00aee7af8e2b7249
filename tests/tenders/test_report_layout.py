"""The procès-verbal fits its pages: 8 criteria, 6 offers, 2 scorers (issue 11: clipped).

Its text is extracted and every criterion, score and comment must be there, and
every piece of text must start and end inside the page (no clipping at the edge).
"""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from accounts.models import Role
from directory.models import Intervenant, Prestataire
from monographs.models import Criterion
from tenders import services
from tenders.models import Invitation, SignedDocument
from tests.conftest import make_user

from .conftest import after_deadline, submit

LABELS = [
    "Qualité des contenus et forme des apports méthodologiques et pratiques",
    "Niveau d'engagement demandé aux structures par le prestataire",
    "Modalités d'échanges et d'animation : rencontres collectives, individuelles",
    "Modalités d'enquête et de recueil d'information préalables à l'ingénierie",
    "Connaissance du secteur de l'insertion par l'activité économique",
    "Références auprès de réseaux de l'économie sociale et solidaire",
    "Capitalisation et transfert des outils produits",
    "Prix",
]
WEIGHTS = [20, 10, 15, 10, 10, 10, 5, 20]


@pytest.fixture
def big_call(open_call, charge_mission, dla):
    """8 criteria, 6 offers (the fixture's two firms and four more), two scorers, signed."""
    specification = open_call.project.specification
    Criterion.objects.filter(specification=specification).delete()
    Criterion.objects.bulk_create(
        Criterion(specification=specification, label=label, weight=weight, position=i)
        for i, (label, weight) in enumerate(zip(LABELS, WEIGHTS, strict=True))
    )
    users = [i.user for i in Intervenant.objects.filter(user__isnull=False).order_by("pk")]
    for n in range(4):
        firm = Prestataire.objects.create(name=f"Société coopérative Conseil Numéro {n + 3}")
        user = make_user(f"firm{n}", Role.INTERVENANT)
        Intervenant.objects.create(prestataire=firm, first_name="A", last_name="B", user=user)
        Invitation.objects.create(call=open_call, prestataire=firm)
        users.append(user)
    for n, user in enumerate(users):
        submit(open_call, user, price=str(Decimal("12345.67") + n * 1000))
    late = after_deadline(open_call)
    services.open_offers(open_call, by=charge_mission, now=late)
    second = make_user("cm-b", Role.CHARGE_MISSION, dla, first_name="Bruno", last_name="Petit")
    criteria = list(specification.criteria.all())
    grids = {}
    for offer in services.Offer.objects.filter(invitation__call=open_call).order_by("pk"):
        for k, scorer in enumerate((charge_mission, second)):
            scores = [(offer.pk + i + k) % 6 for i in range(8)]
            comment = f"Commentaire {k + 1} sur l'offre {offer.pk} : méthode à préciser."
            services.save_sheet(offer, by=scorer, now=late, comment=comment,
                                values={c.pk: v for c, v in zip(criteria, scores, strict=True)})
            grids[(offer.pk, k)] = (scores, comment)
    first = services.Offer.objects.filter(invitation__call=open_call).first()
    services.sign_selection(open_call, by=charge_mission, offers=[first], now=late,
                            reasons="La meilleure offre au regard des critères pondérés.")
    return open_call, grids


def test_the_report_shows_every_criterion_score_and_comment_inside_the_page(big_call):
    call, grids = big_call
    content = SignedDocument.objects.get(call=call, kind="proces_verbal").read()
    reader = PdfReader(io.BytesIO(content))
    outside = []
    chunks = []

    for page in reader.pages:
        width = float(page.mediabox.width)

        def visit(text, cm, tm, font_dict, font_size, width=width):
            if text.strip():
                x = cm[4] + tm[4] * cm[0]
                if x < 0 or x > width:
                    outside.append((text, x, width))

        chunks.append(page.extract_text(visitor_text=visit))
        # Landscape or not, the page is a sheet: a wide page would only move the clipping.
        assert max(width, float(page.mediabox.height)) < 850
    text = " ".join(" ".join(chunks).split())

    assert outside == []
    for label in LABELS:
        assert label in text, label
    for _scores, comment in grids.values():
        assert comment in text
    flat = text.replace(" ", "")
    for scores, _comment in grids.values():  # each grid's row of values, in order
        assert "".join(str(v) for v in scores) in flat
