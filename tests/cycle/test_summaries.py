"""Each IC's summary row (cycle.ProjectSummary) is exact: every input, changed through
every service that can change it, leaves the row equal to a fresh recomputation; and
``rebuild_summaries`` rebuilds and checks (issue 20)."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from cycle import services, summaries
from cycle.forms import BudgetTrancheFormSet
from cycle.models import Project, ProjectSummary
from cycle.vocabulary import ParticipationStatus as S
from directory.vocabulary import LegalForm
from tests.cycle.factories import BudgetTrancheFactory, ParticipationFactory
from tests.directory.factories import BeneficiaryStructureFactory, OrganisationFactory


def figures(project) -> tuple[dict, dict]:
    """(the row as stored, the same figures recomputed from the sources)."""
    projects = Project.objects.filter(pk=project.pk)
    return summaries.stored(projects).get(project.pk), summaries.computed(projects)[project.pk]


def tranches_form(project, rows):
    """The IC form's tranche formset, bound: ``rows`` (tranche or None, label, amount, days,
    delete), the existing tranches first, as the page posts them."""
    existing = sum(1 for row in rows if row[0] is not None)
    data = {"budget-TOTAL_FORMS": len(rows), "budget-INITIAL_FORMS": existing,
            "budget-MIN_NUM_FORMS": 0, "budget-MAX_NUM_FORMS": 1000}
    for i, (tranche, label, amount, days, delete) in enumerate(rows):
        data.update({f"budget-{i}-id": tranche.pk if tranche else "",
                     f"budget-{i}-label": label, f"budget-{i}-amount": amount,
                     f"budget-{i}-days": days, f"budget-{i}-ORDER": i + 1})
        if delete:
            data[f"budget-{i}-DELETE"] = "on"
    formset = BudgetTrancheFormSet(data, instance=project, prefix="budget")
    assert formset.is_valid(), formset.errors
    return formset


def save_tranches(project, by, rows):
    project.refresh_from_db()
    services.update_project(project, by=by, version=project.version,
                            dependents=(tranches_form(project, rows),))


# --- each (service, input): what it does to an IC the fixture prepared


def create_project(project, by):
    return services.create_project(by=by, title="Nouvelle IC")


def set_pilots_referent(project, by):
    other = OrganisationFactory(name="DLA de l'Aisne", departement_id="02", region_id="32")
    project.refresh_from_db()
    services.update_project(project, by=by, version=project.version,
                            organisations=[by.organisation, other], referent=other)


def organisation_renamed(project, by):
    organisation = by.organisation
    organisation.name = "DLA du Nord (renommé)"
    organisation.save()  # the directory's editors, in the admin


def add_participation(project, by):
    services.add_participation(project, structure=BeneficiaryStructureFactory(name="Club 9"))


def create_and_add_structures(project, by):
    services.create_and_add_structures(project, rows=[
        {"name": "Recyclerie du Nord", "legal_form": LegalForm.ASSOCIATION, "siret": None,
         "sector_id": "sport", "departement_id": "59", "employees": None, "confirmed": True},
    ])


def move_participation_committed(project, by):
    row = project.participations.get(status=S.CONTACTED)
    services.move_participation(row, status=S.COMMITTED, by=by)


def move_participation_withdrew(project, by):
    row = project.participations.get(status=S.COMMITTED)
    services.move_participation(row, status=S.WITHDREW, by=by, reason="Fermeture")


def move_participations(project, by):
    services.move_participations(project.participations.filter(status=S.CONTACTED),
                                 status=S.COMMITTED, by=by)


def remove_participation(project, by):
    services.remove_participation(project.participations.get(status=S.IDENTIFIED))


def add_tranche(project, by):
    kept = project.budget_tranches.get()
    save_tranches(project, by, [(kept, kept.label, "14800", "15", False),
                                (None, "Restitution", "1250,50", "2,5", False)])


def change_tranche(project, by):
    kept = project.budget_tranches.get()
    save_tranches(project, by, [(kept, kept.label, "9000", "9,5", False)])


def delete_tranche(project, by):
    kept = project.budget_tranches.get()
    save_tranches(project, by, [(kept, kept.label, "14800", "15", True)])


def create_project_with_tranches(project, by):
    new = Project(title="IC chiffrée")
    formset = tranches_form(new, [(None, "Diagnostic", "3000", "4", False)])
    return services.create_project_with_details(
        by=by, fields={"title": new.title}, dependents=(formset,),
    )


# (service, the summary field whose input it changes): the declared list.
CHANGES = [
    (create_project, "referent_name"),
    (set_pilots_referent, "referent_name"),
    (organisation_renamed, "referent_name"),
    (add_participation, "structures_targeted"),
    (create_and_add_structures, "structures_targeted"),
    (move_participation_committed, "structures_committed"),
    (move_participation_withdrew, "structures_committed"),
    (move_participation_withdrew, "structures_targeted"),
    (move_participations, "structures_committed"),
    (remove_participation, "structures_targeted"),
    (add_tranche, "budget_amount"),
    (add_tranche, "budget_days"),
    (change_tranche, "budget_amount"),
    (change_tranche, "budget_days"),
    (delete_tranche, "budget_amount"),
    (delete_tranche, "budget_days"),
    (create_project_with_tranches, "budget_amount"),
]


def test_every_field_has_a_change_through_a_service():
    assert {field for _service, field in CHANGES} == set(summaries.FIELDS)


@pytest.fixture
def prepared(project):
    """An IC with a participation in each status but withdrew, and one tranche."""
    for i, status in enumerate((S.IDENTIFIED, S.CONTACTED, S.COMMITTED)):
        ParticipationFactory(project=project, status=status,
                             structure=BeneficiaryStructureFactory(name=f"Club {i}"))
    BudgetTrancheFactory(project=project)
    return project


@pytest.mark.parametrize(("service", "field"), CHANGES,
                         ids=[f"{s.__name__}-{f}" for s, f in CHANGES])
def test_the_summary_follows_each_service(prepared, charge_mission, service, field):
    before, fresh = figures(prepared)
    assert before == fresh  # exact before the change
    changed = service(prepared, charge_mission) or prepared
    after, fresh = figures(changed)
    assert after == fresh
    if changed.pk == prepared.pk:  # the input did move: the row had to follow it
        assert after[field] != before[field]
    else:
        assert after[field] not in (None, 0, Decimal("0"))


def test_the_referent_goes_with_the_pilots(project, charge_mission, other_dla):
    project.refresh_from_db()
    services.update_project(project, by=charge_mission, version=project.version,
                            organisations=[other_dla], referent=other_dla)
    assert ProjectSummary.objects.get(pk=project.pk).referent_name == other_dla.name


def test_deleting_an_ic_deletes_its_row(charge_mission):
    """An IC without history (made in the admin, never moved) may be deleted: its
    dependents' signals must not recreate the row the deletion removes."""
    project = Project.objects.create(title="Erreur de saisie", created_by=charge_mission)
    ParticipationFactory(project=project, status=S.COMMITTED)
    BudgetTrancheFactory(project=project)
    assert figures(project)[0] == figures(project)[1]
    project.delete()
    assert not ProjectSummary.objects.filter(pk=project.pk).exists()


# --- rebuild_summaries


def test_check_passes_when_exact(prepared, capsys):
    call_command("rebuild_summaries", "--check")
    assert "Synthèses exactes." in capsys.readouterr().out


def test_check_lists_the_differences_and_rebuild_fixes_them(prepared, capsys):
    ProjectSummary.objects.filter(pk=prepared.pk).update(
        structures_committed=7, budget_days=Decimal("1"),
    )
    with pytest.raises(CommandError, match="2 écart"):
        call_command("rebuild_summaries", "--check")
    out = capsys.readouterr().out
    assert f"IC {prepared.pk} — structures_committed : enregistré 7, recalculé 1" in out
    assert f"IC {prepared.pk} — budget_days" in out

    call_command("rebuild_summaries")
    call_command("rebuild_summaries", "--check")


def test_a_missing_row_is_a_difference_and_rebuilt(prepared):
    ProjectSummary.objects.filter(pk=prepared.pk).delete()
    with pytest.raises(CommandError, match="5 écart"):
        call_command("rebuild_summaries", "--check")
    call_command("rebuild_summaries")
    assert figures(prepared)[0] == figures(prepared)[1]


def test_the_migration_fills_a_row_per_existing_ic(prepared, charge_mission, other_dla):
    """The data migration spells the figures out on historical models: it must agree with
    the sources' definitions (a structure counted once, withdrawn ones not targeted)."""
    from importlib import import_module

    from django.apps import apps

    ParticipationFactory(project=prepared, status=S.WITHDREW, withdrawal_reason="Fusion",
                         structure=BeneficiaryStructureFactory(name="Club retiré"))
    bare = Project.objects.create(title="Sans pilote", created_by=charge_mission)
    ProjectSummary.objects.all().delete()

    import_module("cycle.migrations.0011_project_summary").fill(apps, None)

    assert summaries.stored() == summaries.computed()
    assert summaries.stored()[prepared.pk]["structures_targeted"] == 3
    assert summaries.stored()[bare.pk]["referent_name"] is None
