"""The four seed grilles (carnet, sections III.B–E), from fixtures/grilles/*.json.

``load()`` is idempotent: each file names its IC by title; the grille of that
IC gets exactly the file's content and ends up validated. ICs not found are
skipped (and reported), so the demo loader may call it at any point after
creating them.
"""

import datetime
import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cycle.models import Project
from grille.models import (
    EvaluationAnswer,
    Grille,
    GrilleStatus,
    GrilleTheme,
    Phase,
)
from grille.services import ACTIONS_FIELDS, EVALUATION_FIELDS, PRESENTATION_FIELDS
from grille.vocabulary import QUESTIONS_BY_CODE, THEMES_BY_CODE, Axis
from workflows.models import TransitionLog

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "grilles"
EMPTY = {"duration_months": None, "restitution_on": None, "intervention_types": []}
DEMO_COMMENT = "Grille du carnet Ingénieries collectives DLA (données de démonstration)."


def normalise(title: str) -> str:
    text = unicodedata.normalize("NFKC", title).replace("’", "'").casefold()
    return re.sub(r"\s+", " ", text).strip()


def fixtures() -> list[dict]:
    paths = sorted(FIXTURES.glob("*.json"))
    return [json.loads(path.read_text(encoding="utf-8")) for path in paths]


def _check(data: dict) -> None:
    """Fail loudly on a fixture that names an unknown theme, axis or question."""
    for axis, codes in data["themes"].items():
        Axis(axis)
        for code in codes:
            if THEMES_BY_CODE[code].axis != axis:
                raise ValueError(f"{data['title']}: thème {code} hors de l'axe {axis}")
    for question, answers in data["answers"].items():
        subs = {s.code for s in QUESTIONS_BY_CODE[question].sub_questions} | {""}
        if not set(answers) <= subs:
            raise ValueError(f"{data['title']}: sous-question inconnue pour {question}")


def _fill(grille: Grille, data: dict) -> None:
    actions = dict(data["actions"])
    if actions.get("restitution_on"):
        actions["restitution_on"] = datetime.date.fromisoformat(actions["restitution_on"])
    values = {**data["presentation"], **actions, **data["evaluation"]}
    changed = False
    for name in (*PRESENTATION_FIELDS, *ACTIONS_FIELDS, *EVALUATION_FIELDS):
        value = values.get(name)
        value = value if value not in (None, "") else EMPTY.get(name, "")
        changed |= getattr(grille, name) != value
        setattr(grille, name, value)
    if changed:  # a reload that changes nothing leaves the version (and editors' forms) alone
        grille.save()
    grille.themes.all().delete()
    themes = [
        GrilleTheme(grille=grille, axis=axis, code=code, position=i)
        for axis, codes in data["themes"].items()
        for i, code in enumerate(codes)
    ] + [
        GrilleTheme(grille=grille, axis=axis, free_label=label, position=100 + i)
        for axis, labels in data.get("free_themes", {}).items()
        for i, label in enumerate(labels)
    ]
    GrilleTheme.objects.bulk_create(themes)
    grille.phases.all().delete()
    Phase.objects.bulk_create(
        Phase(
            grille=grille, position=i, label=phase.get("label", ""), title=phase["title"],
            contents=phase["contents"],
            expected_results=phase["expected_results"], methods=phase["methods"],
            days=Decimal(phase["days"]) if phase["days"] else None,
        )
        for i, phase in enumerate(data["phases"], start=1)
    )
    grille.answers.all().delete()
    EvaluationAnswer.objects.bulk_create(
        EvaluationAnswer(grille=grille, question=question, sub_question=sub, answer=a, text=t)
        for question, answers in data["answers"].items()
        for sub, (a, t) in answers.items()
    )


def load(stdout=None) -> list[Grille]:
    """Fill the seed grilles of the ICs that exist; return them."""
    projects = {normalise(p.title): p for p in Project.objects.only("pk", "title")}
    loaded = []
    for data in fixtures():
        _check(data)
        project = projects.get(normalise(data["title"]))
        if project is None:
            if stdout is not None:
                stdout.write(f"Grille non chargée, IC introuvable : {data['title']}")
            continue
        with transaction.atomic():
            grille, _created = Grille.objects.get_or_create(
                project=project, defaults={"status": GrilleStatus.VALIDATED}
            )
            _fill(grille, data)
            if grille.status != GrilleStatus.VALIDATED:
                Grille.objects.filter(pk=grille.pk).update(status=GrilleStatus.VALIDATED)
            if not grille.logs.exists():
                TransitionLog.objects.create(
                    subject=grille, transition="validate", source=GrilleStatus.SUBMITTED,
                    target=GrilleStatus.VALIDATED, by=None, at=timezone.now(),
                    comment=DEMO_COMMENT,
                )
        loaded.append(Grille.objects.get(pk=grille.pk))
    return loaded
