"""Builders shared by the IC pages tests: a known data set and N similar ICs."""

import datetime
from decimal import Decimal

from accounts.models import Role
from cycle.states import State
from cycle.vocabulary import ICType, ParticipationStatus, PartnerRole
from directory.vocabulary import PartnerKind
from tests.cycle.factories import (
    BudgetTrancheFactory,
    ParticipationFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    ProjectPrestataireFactory,
)
from tests.directory.factories import (
    BeneficiaryStructureFactory,
    IntervenantFactory,
    PartnerFactory,
    PrestataireFactory,
)


def structure(name, departement="59", sector="environnement"):
    return BeneficiaryStructureFactory(name=name, sector_id=sector, departement_id=departement)


def commit(project, *structures, status=ParticipationStatus.COMMITTED):
    for item in structures:
        ParticipationFactory(project=project, structure=item, status=status)


def tranche(project, amount, days, label="Intervention"):
    BudgetTrancheFactory(project=project, label=label, amount=Decimal(amount), days=Decimal(days))


def known_set(*, charge_mission, other_charge_mission, c2ra_staff):
    """Four ICs shaped like the carnet's cases B to E, spread over DLA, C2RA and regions.

    A (DLA du Nord)    identifier  réponse collective  2004  environnement   14 800   / 15
    B (DLA du Nord)    engager     réponse collective  2005  déchets         11 302   / 9,5
    C (DLA Gironde)    confirmer   solution partagée   2006  insertion  8 100 + 12 000 / 9 + 12
    D (C2RA HdF)       clôturée    solution partagée   2007  environnement   23 824,32 / 24
    Committed structures: A {S1, S2}, B {S2, S4}, C {S5, S6, S7}, D {S1, S8} → 7 distinct.
    """
    s = {f"S{i}": structure(f"Structure {i}") for i in range(1, 9)}
    s["S3"].name = "Jardin partagé des Flandres"
    s["S3"].save()
    s["S5"].name = "Chantier d'insertion Gironde"
    s["S5"].save()
    alpha = PrestataireFactory(name="Cabinet Alpha")
    beta = PrestataireFactory(name="Cabinet Beta")
    network = PartnerFactory(name="Réseau des Ressourceries", kind=PartnerKind.NETWORK)

    a = ProjectFactory(
        by=charge_mission, title="Pérenniser des emplois environnement",
        ic_type=ICType.COLLECTIVE_RESPONSE, launched_on=datetime.date(2004, 3, 1),
        sectors=["environnement"],
    )
    tranche(a, "14800.00", "15")
    commit(a, s["S1"], s["S2"])
    commit(a, s["S3"], status=ParticipationStatus.IDENTIFIED)

    b = ProjectFactory(
        by=charge_mission, title="Éclairage fiscal des recycleries",
        ic_type=ICType.COLLECTIVE_RESPONSE, launched_on=datetime.date(2005, 9, 15),
        state=State.OBJECTIFS, sectors=["dechets-reemploi"],
    )
    tranche(b, "11302.00", "9.5")
    commit(b, s["S2"], s["S4"])
    ProjectPartnerFactory(project=b, partner=network, role=PartnerRole.NETWORK_HEAD)
    ProjectPrestataireFactory(project=b, prestataire=alpha)

    c = ProjectFactory(
        by=other_charge_mission, title="Consolider l'offre d'insertion",
        ic_type=ICType.SHARED_SOLUTION, launched_on=datetime.date(2006, 1, 10),
        state=State.PROJET, sectors=["insertion"],
    )
    tranche(c, "8100.00", "9", "Phase 1")
    tranche(c, "12000.00", "12", "Phase 2")
    commit(c, s["S5"], s["S6"], s["S7"])

    d = ProjectFactory(
        by=c2ra_staff, title="Réseau environnement et patrimoine",
        ic_type=ICType.SHARED_SOLUTION, launched_on=datetime.date(2007, 5, 2),
        state=State.CLOSED, sectors=["environnement", "patrimoine"],
    )
    tranche(d, "23824.32", "24")
    commit(d, s["S1"], s["S8"])
    ProjectPrestataireFactory(project=d, prestataire=beta)

    return {
        "A": a, "B": b, "C": c, "D": d, "alpha": alpha, "beta": beta, "network": network,
        **s,
    }


def intervenant_of(prestataire, username, make_user):
    user = make_user(username, Role.INTERVENANT)
    IntervenantFactory(prestataire=prestataire, first_name="Inès", last_name="Conseil", user=user)
    return user


def many_ics(count, *, by, prestataire=None, partner=None, start=0):
    """``count`` ICs with every relation the dashboard reads, spread over the stages."""
    states = [State.PROBLEMATIQUE, State.OBJECTIFS, State.PROJET, State.EVALUATION,
              State.CLOSED, State.SUSPENDED, State.ABANDONED]
    prestataire = prestataire or PrestataireFactory(name="Cabinet Série")
    partner = partner or PartnerFactory(name="Conseil régional", kind=PartnerKind.REGION)
    for index in range(start, start + count):
        project = ProjectFactory(
            by=by, title=f"IC n° {index:03d}", ic_type=ICType.COLLECTIVE_RESPONSE,
            launched_on=datetime.date(2010 + index % 5, 1, 1),
            state=states[index % len(states)], sectors=["environnement"],
        )
        tranche(project, "1000.50", "2.5")
        tranche(project, "500.00", "1")
        commit(project, structure(f"Structure série {index}-a"), structure(f"Structure série {index}-b"))
        ProjectPartnerFactory(project=project, partner=partner, role=PartnerRole.FUNDER)
        ProjectPrestataireFactory(project=project, prestataire=prestataire)
