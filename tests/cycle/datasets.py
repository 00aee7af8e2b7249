"""Builders shared by the IC pages tests: a known data set and N similar ICs."""

import datetime
from decimal import Decimal

from accounts.models import Role
from cycle import services
from cycle.models import (
    BudgetTranche,
    Project,
    ProjectPartner,
    ProjectPrestataire,
    ProjectStructure,
)
from cycle.states import State
from directory.models import BeneficiaryStructure, Intervenant, Partner, Prestataire


def set_state(project, state):
    """Place an IC in a state directly (the cycle's own rules are tested in tests/cycle)."""
    Project.objects.filter(pk=project.pk).update(state=state)


def structure(name, departement="59", sector="environnement"):
    return BeneficiaryStructure.objects.create(
        name=name, legal_form="association", sector_id=sector, departement_id=departement
    )


def commit(project, *structures, status="engagee"):
    for item in structures:
        ProjectStructure.objects.create(project=project, structure=item, status=status)


def tranche(project, amount, days, label="Intervention"):
    BudgetTranche.objects.create(
        project=project, label=label, amount=Decimal(amount), days=Decimal(days)
    )


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
    alpha = Prestataire.objects.create(name="Cabinet Alpha")
    beta = Prestataire.objects.create(name="Cabinet Beta")
    network = Partner.objects.create(name="Réseau des Ressourceries", kind="reseau")

    a = services.create_project(
        by=charge_mission, title="Pérenniser des emplois environnement",
        ic_type="reponse_collective", launched_on=datetime.date(2004, 3, 1),
    )
    a.sectors.add("environnement")
    tranche(a, "14800.00", "15")
    commit(a, s["S1"], s["S2"])
    commit(a, s["S3"], status="identifiee")

    b = services.create_project(
        by=charge_mission, title="Éclairage fiscal des recycleries",
        ic_type="reponse_collective", launched_on=datetime.date(2005, 9, 15),
    )
    set_state(b, State.OBJECTIFS)
    b.sectors.add("dechets-reemploi")
    tranche(b, "11302.00", "9.5")
    commit(b, s["S2"], s["S4"])
    ProjectPartner.objects.create(project=b, partner=network, role="tete_de_reseau")
    ProjectPrestataire.objects.create(project=b, prestataire=alpha)

    c = services.create_project(
        by=other_charge_mission, title="Consolider l'offre d'insertion",
        ic_type="solution_partagee", launched_on=datetime.date(2006, 1, 10),
    )
    set_state(c, State.PROJET)
    c.sectors.add("insertion")
    tranche(c, "8100.00", "9", "Phase 1")
    tranche(c, "12000.00", "12", "Phase 2")
    commit(c, s["S5"], s["S6"], s["S7"])

    d = services.create_project(
        by=c2ra_staff, title="Réseau environnement et patrimoine",
        ic_type="solution_partagee", launched_on=datetime.date(2007, 5, 2),
    )
    set_state(d, State.CLOSED)
    d.sectors.add("environnement", "patrimoine")
    tranche(d, "23824.32", "24")
    commit(d, s["S1"], s["S8"])
    ProjectPrestataire.objects.create(project=d, prestataire=beta)

    return {
        "A": a, "B": b, "C": c, "D": d, "alpha": alpha, "beta": beta, "network": network,
        **s,
    }


def intervenant_of(prestataire, username, make_user):
    user = make_user(username, Role.INTERVENANT)
    Intervenant.objects.create(
        prestataire=prestataire, first_name="Inès", last_name="Conseil", user=user
    )
    return user


def many_ics(count, *, by, prestataire=None, partner=None, start=0):
    """``count`` ICs with every relation the dashboard reads, spread over the stages."""
    states = [State.PROBLEMATIQUE, State.OBJECTIFS, State.PROJET, State.EVALUATION,
              State.CLOSED, State.SUSPENDED, State.ABANDONED]
    prestataire = prestataire or Prestataire.objects.create(name="Cabinet Série")
    partner = partner or Partner.objects.create(name="Conseil régional", kind="region")
    for index in range(start, start + count):
        project = services.create_project(
            by=by, title=f"IC n° {index:03d}", ic_type="reponse_collective",
            launched_on=datetime.date(2010 + index % 5, 1, 1),
        )
        set_state(project, states[index % len(states)])
        project.sectors.add("environnement")
        tranche(project, "1000.50", "2.5")
        tranche(project, "500.00", "1")
        commit(project, structure(f"Structure série {index}-a"), structure(f"Structure série {index}-b"))
        ProjectPartner.objects.create(project=project, partner=partner, role="financeur")
        ProjectPrestataire.objects.create(project=project, prestataire=prestataire)
