"""Issue 20, point 3: two web hosts behind one proxy see the same app.

Two gunicorn processes on two ports, one task worker, one PostgreSQL database, one Redis
database and one volume for the private files (conftest.hosts). Each check acts on one host
and reads on the other: a sign-in, a cached filter list refreshed by a change, a lock-out,
an uploaded offer, a carnet built by the worker and its sign of life. On a per-process cache (LocMem) the
filter list differs between the hosts, which the test would see.
"""

import io
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from accounts.models import Role
from cycle.models import Project, ProjectPilot
from directory.models import Organisation
from monographs import services as monographs
from monographs.models import Carnet, CarnetStatus
from tenders.models import OfferVersion
from tests.accounts.factories import PASSWORD
from tests.conftest import make_user
from tests.directory.factories import OrganisationFactory
from tests.tenders.conftest import pdf_bytes
from tests.twohosts.conftest import Browser

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.timeout(300),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="Deux hôtes : PostgreSQL seulement (SQLite n'est qu'un fichier local)."),
]

LOGIN = reverse("login")
CASE = "Pérenniser des emplois « environnement »"


def sign_in(browser, port, username, password=PASSWORD):
    return browser.post(port, LOGIN, {"username": username, "password": password})


def test_a_session_opened_on_one_host_is_known_to_the_other(hosts, charge_mission):
    a, b = hosts
    browser = Browser("10.0.0.1")
    assert b"Claire" not in browser.get(b, "/")[2]
    status, headers, _ = sign_in(browser, a, "cm")
    assert status == 302 and headers["Location"] == "/"

    status, _headers, content = browser.get(b, "/")
    assert status == 200 and b"Claire" in content
    assert browser.post(b, reverse("logout"), {}, form_page="/")[0] == 302
    assert browser.get(a, "/")[0] == 302  # signed out everywhere


def test_a_lockout_counted_on_one_host_holds_on_the_other(hosts, charge_mission):
    a, b = hosts
    guesser = Browser("10.0.0.2")
    for attempt in range(4):
        assert sign_in(guesser, (a, b)[attempt % 2], "cm", "mauvais")[0] == 200
    assert sign_in(guesser, b, "cm", "mauvais")[0] == 429  # the fifth, on either host
    assert sign_in(guesser, b, "cm")[0] == 429  # the right password, too late
    assert sign_in(guesser, a, "cm")[0] == 429
    assert sign_in(Browser("10.0.0.3"), b, "cm")[0] == 302  # another address is not locked


def test_the_cached_filter_list_is_shared_and_refreshed_by_a_change(hosts, project):
    a, b = hosts
    admin = make_user("administrateur", Role.ADMIN, is_staff=True, is_superuser=True)
    dla = OrganisationFactory(name="DLA de la Somme", departement_id="80", region_id="32")
    browser = Browser("10.0.0.4")
    assert sign_in(browser, a, admin.username)[0] == 302
    assert b"DLA de la Somme" not in browser.get(a, "/")[2]

    ProjectPilot.objects.create(project=project, organisation=dla)  # a change: refreshed
    assert b"DLA de la Somme" in browser.get(a, "/")[2]  # host A fills the cache
    Organisation.objects.filter(pk=dla.pk).update(name="DLA de l'Aisne")  # a rename: cached
    assert b"DLA de la Somme" in browser.get(b, "/")[2]  # host B reads what A cached

    ProjectPilot.objects.filter(project=project, organisation=dla).delete()
    ProjectPilot.objects.create(project=project, organisation=dla)  # another change
    for port in (b, a):
        page = browser.get(port, "/")[2].decode()
        assert "DLA de l&#x27;Aisne" in page and "DLA de la Somme" not in page


def test_an_offer_uploaded_on_one_host_is_served_by_the_other(hosts, open_call, alpha_user):
    a, b = hosts
    firm = Browser("10.0.0.5")
    assert sign_in(firm, a, alpha_user.username)[0] == 302
    content = pdf_bytes(pages=2)
    status, _headers, _body = firm.post_multipart(
        a, reverse("tenders:offer_edit", args=[open_call.pk]),
        {"method": "Ateliers", "price": "9000", "intervenants": [alpha_user.intervenant.pk],
         "phases-TOTAL_FORMS": 1, "phases-INITIAL_FORMS": 0, "phases-MIN_NUM_FORMS": 0,
         "phases-MAX_NUM_FORMS": 1000, "phases-0-title": "Diagnostic", "phases-0-days": "2"},
        {"file": ("offre.pdf", content)},
    )
    assert status == 302
    version = OfferVersion.objects.get()
    url = reverse("tenders:offer_file", args=[version.pk])
    for port in (b, a):
        status, _headers, body = firm.get(port, url)
        assert (status, body) == (200, content)
    assert Browser("10.0.0.6").get(b, url)[0] == 302  # anonymous: to the sign-in page


def test_a_carnet_built_by_the_worker_is_served_by_both_hosts(hosts):
    a, b = hosts
    call_command("load_demo", stdout=io.StringIO())
    admin = make_user("c2ra-carnet", Role.ADMIN, is_staff=True, is_superuser=True)
    carnet = monographs.request_carnet(
        by=admin, title="Carnet deux hôtes", projects=Project.objects.filter(title=CASE)
    )
    deadline = time.monotonic() + 180
    while (carnet := Carnet.objects.get(pk=carnet.pk)).status != CarnetStatus.DONE:
        assert carnet.status != CarnetStatus.FAILED, carnet.error
        assert time.monotonic() < deadline, f"carnet still {carnet.status}"
        time.sleep(0.5)
    browser = Browser("10.0.0.7")
    assert sign_in(browser, b, admin.username)[0] == 302
    url = reverse("monographs:carnet_download", args=[carnet.pk])
    bodies = {port: browser.get(port, url) for port in (a, b)}
    assert [status for status, _h, _b in bodies.values()] == [200, 200]
    first, second = (body for _s, _h, body in bodies.values())
    assert first.startswith(b"%PDF") and first == second
    # The worker's sign of life, read by both hosts (in the database, no shared folder).
    for port in (a, b):
        status, _h, body = Browser("10.0.0.8").get(port, reverse("health"))
        assert status == 200 and b"worker : dernier signe de vie il y a" in body
