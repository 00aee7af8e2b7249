"""The FSE mention of the émargement sheet is read from the partners' « FSE » flag, set
where partners are edited (the directory, a funder typed in place on the IC form) and,
for the partners recorded before the flag, from their name by a data migration."""

import importlib

from django.apps import apps
from django.urls import reverse

from cycle.models import BudgetTranche, Project
from directory.models import Partner
from directory.vocabulary import PartnerKind
from tests.cycle.test_ic_form_rows import five_objectives_two_tranches

MENTION = 'data-testid="fse-mention"'
FSE_NAME = "Fonds social européen (FSE+)"


def _funded_by(project, **partner):
    funder = Partner.objects.create(kind=PartnerKind.OTHER, **partner)
    tranche = BudgetTranche.objects.create(project=project, label="Tranche 1", amount=1000,
                                           days=2)
    tranche.funders.add(funder)
    return funder


def _sheet(client, world) -> str:
    client.force_login(world.users["cm"])
    return client.get(reverse("meetings:sheet", args=[world.meeting.pk])).content.decode()


def test_a_funder_flagged_fse_puts_the_mention_on_the_sheet(client, world):
    _funded_by(world.project, name="Région Occitanie – fonds délégués",
               european_social_fund=True)
    assert MENTION in _sheet(client, world)


def test_a_funder_named_fse_but_not_flagged_puts_no_mention(client, world):
    _funded_by(world.project, name=FSE_NAME)
    assert MENTION not in _sheet(client, world)


def test_the_data_migration_flags_the_partners_named_fse(db):
    named = [Partner.objects.create(name=name, kind=PartnerKind.OTHER) for name in (
        FSE_NAME, "Crédits FSE 2030", "fonds social europeen", "Fondation Fser", "Région",
    )]
    migration = importlib.import_module(
        "directory.migrations.0006_partner_european_social_fund"
    )
    migration.flag_fse_partners(apps, None)
    flagged = {p.name for p in Partner.objects.filter(pk__in=[p.pk for p in named],
                                                      european_social_fund=True)}
    assert flagged == {FSE_NAME, "Crédits FSE 2030", "fonds social europeen"}


def test_the_directory_s_partner_form_sets_and_clears_the_flag(client, charge_mission):
    partner = Partner.objects.create(name="Union européenne", kind=PartnerKind.OTHER)
    url = reverse("directory:partner_update", args=[partner.pk])
    client.force_login(charge_mission)
    assert 'name="european_social_fund"' in client.get(url).content.decode()
    data = {"name": partner.name, "kind": PartnerKind.OTHER, "version": partner.version}
    assert client.post(url, {**data, "european_social_fund": "on"}).status_code == 302
    partner.refresh_from_db()
    assert partner.european_social_fund
    detail = client.get(reverse("directory:partner_detail", args=[partner.pk])).content.decode()
    assert 'data-testid="partner-fse"' in detail
    assert client.post(url, {**data, "version": partner.version}).status_code == 302
    partner.refresh_from_db()
    assert not partner.european_social_fund


def test_a_funder_typed_in_place_on_the_ic_form_may_be_flagged(client, charge_mission, dla):
    client.force_login(charge_mission)
    data = five_objectives_two_tranches(dla)
    fse_key = next(k for k in data if k.endswith("new_funder_name")).replace("name", "fse")
    assert 'new_funder_fse"' in client.get(reverse("cycle:project_create")).content.decode()
    response = client.post(reverse("cycle:project_create"), {**data, fse_key: "on"})
    assert response.status_code == 302
    funder = Partner.objects.get(name="Fondation Émergence")
    assert funder.european_social_fund
    assert BudgetTranche.objects.filter(project=Project.objects.get(),
                                        funders=funder).exists()
