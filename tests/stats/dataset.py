"""A small hand-built data set whose every figure is known (see the expectations in
test_figures.py).

Hauts-de-France (region 32, DLA du Nord):
  A  réponse collective  départemental  environnement  launched 2024-03-01  12 000 € / 12 j
     committed S1, S2; 10 days in « Cerner », 20 in « Cibler », now in « Rôle du DLA »
     since 2024-03-31; grille themes: connaitre-marche, projet-strategie (strategy),
     one finance theme; a call with 3 invitations, 2 offers submitted
  B  solution partagée   régional       environnement + insertion  launched 2025-01-10
     6 000 € / 4 j; committed S2, S3; 30 days in « Cerner », closed 2025-06-30
  C  réponse collective  (no scale, no sector) launched 2025-02-01, no budget; suspended
     twice (« Financement en attente ») and abandoned 2025-03-13 (« Plus de porteur »)
Nouvelle-Aquitaine (region 75, DLA de la Gironde):
  D  réponse collective  launched 2024-05-01  99 999 € / 9 j  committed S4
"""

import datetime
from decimal import Decimal

from cycle.states import State
from cycle.vocabulary import ICType, ParticipationStatus, TerritorialScale
from grille.vocabulary import Axis
from tenders.models import CallForTender, Invitation, Offer, OfferVersion
from tenders.vocabulary import InvitationStatus
from tests.cycle.datasets import commit, structure, tranche
from tests.cycle.factories import ProjectFactory, set_state
from tests.directory.factories import PrestataireFactory
from tests.grille.factories import GrilleFactory, GrilleThemeFactory
from workflows.models import TransitionLog


def at(day: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T09:00:00+00:00")  # UTC: no DST hour


def history(project, *steps, by=None):
    """Replace the IC's log by ``steps``: (day, target, comment); state = the last target."""
    TransitionLog.objects.filter(project=project).delete()
    source = ""
    for day, target, *comment in steps:
        TransitionLog.objects.create(
            subject=project,
            transition="test",
            source=source,
            target=target,
            at=at(day),
            by=by,
            comment=comment[0] if comment else "",
        )
        source = target
    set_state(project, State(source))


def call_with_offers(project, by, invited: int, submitted: int):
    call = CallForTender.objects.create(
        project=project,
        intent_deadline=at("2024-04-01"),
        reply_deadline=at("2024-04-15"),
        opened_by=by,
    )
    for index in range(invited):
        invitation = Invitation.objects.create(
            call=call,
            prestataire=PrestataireFactory(name=f"Cabinet {index}"),
            status=InvitationStatus.SUBMITTED if index < submitted else InvitationStatus.INVITED,
        )
        if index < submitted:
            offer = Offer.objects.create(invitation=invitation)
            version = OfferVersion.objects.create(
                offer=offer,
                number=1,
                method="Méthode",
                price=Decimal("1000"),
                file_name="offre.pdf",
                file_size=10,
                submitted_at=at("2024-04-10"),
                submitted_by=by,
            )
            offer.current = version
            offer.save()
    return call


def build(*, charge_mission, other_charge_mission) -> dict:
    s = {f"S{i}": structure(f"Structure {i}") for i in range(1, 5)}
    a = ProjectFactory(
        by=charge_mission,
        title="A",
        ic_type=ICType.COLLECTIVE_RESPONSE,
        territorial_scale=TerritorialScale.DEPARTEMENTAL,
        launched_on=datetime.date(2024, 3, 1),
        sectors=["environnement"],
    )
    tranche(a, "10000", "10")
    tranche(a, "2000", "2", label="Suivi")
    commit(a, s["S1"], s["S2"])
    history(
        a,
        ("2024-03-01", State.PROBLEMATIQUE),
        ("2024-03-11", State.CIBLAGE),
        ("2024-03-31", State.ROLE_DLA),
    )
    grille = GrilleFactory(project=a)
    GrilleThemeFactory(grille=grille, axis=Axis.STRATEGY, code="connaitre-marche")
    GrilleThemeFactory(grille=grille, axis=Axis.STRATEGY, code="projet-strategie")
    GrilleThemeFactory(grille=grille, axis=Axis.FINANCE, code="", free_label="Trésorerie")
    call_with_offers(a, charge_mission, invited=3, submitted=2)

    b = ProjectFactory(
        by=charge_mission,
        title="B",
        ic_type=ICType.SHARED_SOLUTION,
        territorial_scale=TerritorialScale.REGIONAL,
        launched_on=datetime.date(2025, 1, 10),
        sectors=["environnement", "insertion"],
    )
    tranche(b, "6000", "4")
    commit(b, s["S2"], s["S3"])
    commit(b, s["S4"], status=ParticipationStatus.CONTACTED)  # not reached
    history(
        b,
        ("2025-01-10", State.PROBLEMATIQUE),
        ("2025-02-09", State.CIBLAGE),
        ("2025-06-30", State.CLOSED),
    )
    GrilleThemeFactory(grille=GrilleFactory(project=b), axis=Axis.STRATEGY, code="connaitre-marche")

    c = ProjectFactory(
        by=charge_mission,
        title="C",
        ic_type=ICType.COLLECTIVE_RESPONSE,
        launched_on=datetime.date(2025, 2, 1),
    )
    history(
        c,
        ("2025-02-01", State.PROBLEMATIQUE),
        ("2025-02-06", State.SUSPENDED, "Financement en attente"),
        ("2025-02-16", State.PROBLEMATIQUE),
        ("2025-02-21", State.SUSPENDED, "  Financement   en attente "),
        ("2025-03-03", State.PROBLEMATIQUE),
        ("2025-03-13", State.ABANDONED, "Plus de porteur"),
    )

    d = ProjectFactory(
        by=other_charge_mission,
        title="D",
        ic_type=ICType.COLLECTIVE_RESPONSE,
        launched_on=datetime.date(2024, 5, 1),
        sectors=["environnement"],
    )
    tranche(d, "99999", "9")
    commit(d, s["S4"])
    history(d, ("2024-05-01", State.PROBLEMATIQUE), ("2024-05-02", State.ABANDONED, "Autre"))
    return {"A": a, "B": b, "C": c, "D": d, **s}
