"""Regenerate the PNG renders of this folder from a database holding the demo.

    DATABASE_URL=sqlite:////tmp/renders.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/renders.sqlite3 .venv/bin/python manage.py load_demo
    DATABASE_URL=sqlite:////tmp/renders.sqlite3 .venv/bin/python docs/renders/make_renders.py

Each page of the four seed monographs (B to E), of the demo's cahier des charges and of
a carnet's front matter (cover, contents, fiche technique), at 50 dpi with a 32-colour
palette to keep the files small. Needs ``pdftoppm`` (poppler-utils).
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dla_ic.settings")

import django  # noqa: E402

django.setup()

from django.template.loader import render_to_string  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image  # noqa: E402

from accounts.models import User  # noqa: E402
from cycle.models import Project  # noqa: E402
from dla_ic.pdf import html_to_pdf  # noqa: E402
from monographs.documents import (  # noqa: E402
    fiche_technique_context,
    monograph_html,
    published_projects,
)
from monographs.models import Carnet, Specification  # noqa: E402
from monographs.selectors import specification_context  # noqa: E402

SEED_CASES = {
    "b": "Pérenniser des emplois « environnement »",
    "c": "Éclairage fiscal des recycleries et ressourceries",
    "d": "Consolider et pérenniser l'offre d'insertion sur un territoire",
    "e": "Pérenniser un réseau départemental environnement et patrimoine",
}


def documents() -> dict[str, bytes]:
    admin = User.objects.get(username="admin")
    projects = {p.title: p for p in Project.objects.filter(title__in=SEED_CASES.values())}
    pdfs = {
        f"monograph-{case}": html_to_pdf(monograph_html(projects[title]))
        for case, title in SEED_CASES.items()
    }
    specification = Specification.objects.select_related("project").first()
    context = specification_context(specification.project, admin)
    pdfs["cahier-des-charges"] = html_to_pdf(
        render_to_string("monographs/specification_pdf.html", context)
    )
    carnet = Carnet(title="Ingénieries collectives DLA", requested_by=admin)
    entries = [
        {"project": project, "page": 4 + 4 * index}
        for index, project in enumerate(published_projects(Project.objects.filter(
            title__in=SEED_CASES.values()
        )))
    ]
    context = {"carnet": carnet, "entries": entries, "generated_on": timezone.localdate()}
    pdfs["carnet"] = html_to_pdf(
        render_to_string("monographs/carnet_front.html", context | fiche_technique_context())
    )
    return pdfs


def main():
    for old in HERE.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as workdir:
        for name, pdf in documents().items():
            source = Path(workdir) / f"{name}.pdf"
            source.write_bytes(pdf)
            # Fixed arguments, our own temporary file: no untrusted input.
            subprocess.run(  # noqa: S603
                ["pdftoppm", "-png", "-r", "50", source, HERE / name], check=True  # noqa: S607
            )
    for png in sorted(HERE.glob("*.png")):
        Image.open(png).convert("RGB").quantize(32).save(png, optimize=True)
        print(png.name, png.stat().st_size)


if __name__ == "__main__":
    main()
