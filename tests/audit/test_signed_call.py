"""A signed call: its stored procès-verbal and letters go, as stored, to whom tenders.rules
gives them; the opened offers to the call's pilots."""

import zipfile

import pytest

from audit.bundle import bundle_path
from tenders.models import SignedDocument
from tenders.vocabulary import DocumentKind
from tests.tenders.test_selection import score_both

from .conftest import after_deadline_of as late_for
from .conftest import build, submit


@pytest.fixture
def signed(request, charge_mission):
    from tenders import services

    call = request.getfixturevalue("open_call")
    chosen, other = request.getfixturevalue("alpha_user"), request.getfixturevalue("beta_user")
    offers = submit(call, chosen).offer, submit(call, other, price="8000").offer
    late = late_for(call)
    score_both(call, offers, charge_mission, late)
    services.sign_selection(call, by=charge_mission, offers=[offers[0]], reasons="Méthode",
                            now=late, base_url="https://ic.test")
    return call, chosen, other


def contents(bundle) -> dict[str, bytes]:
    with zipfile.ZipFile(bundle_path(bundle)) as archive:
        return {name: archive.read(name) for name in archive.namelist()
                if name.startswith("appel-d-offres/")}


def test_the_pilot_gets_the_stored_report_letters_and_offers(signed, charge_mission):
    call, _chosen, _other = signed
    found = contents(build(call.project, charge_mission))
    report = SignedDocument.objects.get(call=call, kind=DocumentKind.REPORT)
    assert found["appel-d-offres/proces-verbal.pdf"] == report.read()
    letters = [n for n in found if n.startswith("appel-d-offres/courriers/")]
    offers = [n for n in found if n.startswith("appel-d-offres/offres/")]
    assert (len(letters), len(offers)) == (2, 2)
    stored = {d.read() for d in SignedDocument.objects.filter(kind=DocumentKind.LETTER)}
    assert {found[n] for n in letters} == stored


def test_the_region_s_c2ra_gets_none_of_the_call(signed, c2ra_staff):
    call, _chosen, _other = signed
    assert contents(build(call.project, c2ra_staff)) == {}


def test_a_firm_gets_its_own_letter_and_offer_only(signed):
    call, chosen, _other = signed
    found = contents(build(call.project, chosen))
    assert sorted(n.split("/")[1] for n in found) == ["courriers", "offres"]
    assert all("cabinet-alpha" in n for n in found)
