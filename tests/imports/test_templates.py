"""Templates are generated from the kind declarations; the shipped ones equal them and
import cleanly; a structures export imports back unchanged (round trip)."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from directory.models import BeneficiaryStructure, Intervenant, Partner, Prestataire
from imports import planning, reading, services, workbooks
from imports.kinds import KINDS, STRUCTURES
from tests.directory.factories import BeneficiaryStructureFactory, valid_siret

SHIPPED = Path(settings.BASE_DIR) / "fixtures" / "import"


def cells(content: bytes):
    book = load_workbook(io.BytesIO(content))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets}


def _plan(kind, content, user):
    sheet = reading.read(_Upload(content))
    return planning.plan(kind, sheet.rows, services.propose_mapping(kind, sheet.headers, user),
                         user)


class _Upload(io.BytesIO):
    name = "modele.xlsx"

    @property
    def size(self):
        return len(self.getvalue())


@pytest.mark.parametrize("code", sorted(KINDS))
def test_the_shipped_template_is_what_the_code_generates(code):
    shipped = (SHIPPED / f"{code}.xlsx").read_bytes()
    assert cells(shipped) == cells(workbooks.template(KINDS[code])), (
        "run: python manage.py write_import_templates"
    )


def test_the_shipped_templates_import_cleanly_in_order(admin_user):
    for code, model in (("structures", BeneficiaryStructure), ("partenaires", Partner),
                        ("prestataires", Prestataire), ("intervenants", Intervenant)):
        kind = KINDS[code]
        plan = _plan(kind, (SHIPPED / f"{code}.xlsx").read_bytes(), admin_user)
        assert not plan.has_errors, [(r.number, r.errors) for r in plan.rows if r.errors]
        assert plan.count(planning.Action.CREATE) == len(kind.examples)
        planning.apply(kind, plan)
        assert model.objects.count() == len(kind.examples)


def test_the_template_is_downloadable(client, charge_mission):
    client.force_login(charge_mission)
    response = client.get(reverse("imports:template", args=["structures"]))
    assert response["Content-Disposition"] == 'attachment; filename="modele-structures.xlsx"'
    rows = cells(response.content)["Structures bénéficiaires"]
    assert rows[0] == ["Nom *", "SIRET", "Forme juridique", "Secteur *", "Département *",
                       "Salariés", "Emplois aidés", "Adresse", "Code postal", "Commune"]


def test_round_trip_of_structures_is_stable(admin_user):
    for n in range(5):
        BeneficiaryStructureFactory(
            name=f"Structure {n} d'Été", siret=valid_siret(200 + n) if n % 2 else None,
            sector_id="culture", departement_id="2A" if n == 3 else "59",
            employees=n or None, aided_jobs=None,
        )
    before = list(BeneficiaryStructure.objects.values())
    exported = workbooks.export(STRUCTURES, BeneficiaryStructure.objects.order_by("pk"))
    plan = _plan(STRUCTURES, exported, admin_user)
    assert plan.counts == {"create": 0, "update": 0, "skip": 5, "error": 0}
    planning.apply(STRUCTURES, plan)
    assert list(BeneficiaryStructure.objects.values()) == before
    # and the export of the re-imported base is the same file's cells
    again = workbooks.export(STRUCTURES, BeneficiaryStructure.objects.order_by("pk"))
    assert cells(again) == cells(exported)
