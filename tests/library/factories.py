"""An IC as the library sees it: its grille validated last, once its content is written."""

import datetime

from cycle.vocabulary import ICType, ParticipationStatus, TerritorialScale
from grille.models import GrilleStatus
from grille.vocabulary import THEMES_BY_CODE
from tests.cycle.factories import CapitalisationItemFactory, ParticipationFactory, ProjectFactory
from tests.directory.factories import BeneficiaryStructureFactory
from tests.grille.factories import GrilleFactory, GrilleThemeFactory

PROBLEM = "Mutualiser l'économie des entreprises d'insertion du bassin minier"


def library_ic(
    *,
    by,
    title="Pérenniser des emplois",
    status=GrilleStatus.VALIDATED,
    problem=PROBLEM,
    item=True,
    themes=("connaitre-marche",),
    **fields,
):
    fields.setdefault("ic_type", ICType.COLLECTIVE_RESPONSE)
    fields.setdefault("territorial_scale", TerritorialScale.DEPARTEMENTAL)
    fields.setdefault("launched_on", datetime.date(2025, 3, 1))
    project = ProjectFactory(by=by, title=title, problem_statement=problem, **fields)
    if item:
        CapitalisationItemFactory(project=project, title="Matrice d'analyse des coûts partagés")
    grille = GrilleFactory(project=project, status=GrilleStatus.DRAFT)
    for code in themes:
        GrilleThemeFactory(grille=grille, code=code, axis=THEMES_BY_CODE[code].axis)
    if status != GrilleStatus.DRAFT:
        # As a validation saves it: a workflow step, through the model's save.
        type(grille).objects.filter(pk=grille.pk).update(status=status)
        type(grille).objects.get(pk=grille.pk).save(update_fields=["status"])
    return project


def participant(project, name, *, consent):
    structure = BeneficiaryStructureFactory(name=name)
    return ParticipationFactory(
        project=project,
        structure=structure,
        status=ParticipationStatus.COMMITTED,
        publication_consent=consent,
    )
