"""What a newcomer meets first: French numbers in forms, the app's own pages for password
reset, a favicon, a French admin index, French error pages under `make run`."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from cycle.forms import BudgetTrancheForm
from directory.models import Prestataire
from monographs.forms import SpecificationForm
from tenders.forms import OfferForm, PhaseForm

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_an_offer_price_reads_back_in_french():
    firm = Prestataire.objects.create(name="Cabinet Alpha", email="alpha@example.org")
    form = OfferForm(initial={"price": Decimal("8650.00")}, firm=firm)

    assert 'value="8650,00"' in str(form["price"])


@pytest.mark.parametrize("typed", ["8650,5", "8 650,50", "8\u202f650,50 €", "8650.50"])
@pytest.mark.django_db
def test_an_offer_price_is_read_as_a_french_user_types_it(typed):
    firm = Prestataire.objects.create(name="Cabinet Alpha", email="alpha@example.org")
    form = OfferForm(data={"price": typed}, firm=firm)
    form.is_valid()

    assert form.cleaned_data["price"] == Decimal("8650.50")


def test_every_decimal_of_the_forms_is_shown_in_french():
    shown = {
        "phase days": str(PhaseForm(initial={"days": Decimal("2.5")})["days"]),
        "tranche amount": str(BudgetTrancheForm(initial={"amount": Decimal("23824.32")})["amount"]),
        "budget ceiling": str(
            SpecificationForm(initial={"budget_ceiling": Decimal("12000.50")})["budget_ceiling"]
        ),
    }

    assert {name: re.search(r'value="([^"]*)"', html).group(1) for name, html in shown.items()} == {
        "phase days": "2,5", "tranche amount": "23824,32", "budget ceiling": "12000,50",
    }


@pytest.mark.parametrize("name", [
    "password_reset", "password_reset_done", "password_reset_complete", "login",
])
def test_the_password_pages_wear_the_app_look_not_the_admin_one(client, name):
    page = client.get(reverse(name)).content.decode()

    assert "css/app.css" in page
    assert "admin/css" not in page
    assert "Django" not in page


@pytest.mark.django_db
def test_a_reset_link_that_no_longer_works_says_so_in_the_app_look(client):
    page = client.get(
        reverse("password_reset_confirm", args=["MQ", "bad-token"]), follow=True
    ).content.decode()

    assert "css/app.css" in page
    assert "Ce lien n'est plus valable" in page


def test_the_reset_mail_is_french_and_links_back_to_the_app(client, charge_mission, mailoutbox):
    charge_mission.email = "claire@dla-nord.example.org"
    charge_mission.save()

    client.post(reverse("password_reset"), {"email": charge_mission.email})

    (mail,) = mailoutbox
    assert "mot de passe" in mail.subject.lower()
    assert "/comptes/reset/" in mail.body
    assert "Django" not in mail.subject + mail.body


def test_the_login_page_is_named_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert "http://127.0.0.1:8000" + reverse("login") in readme


def test_a_favicon_is_served_and_linked(client):
    assert finders.find("favicon.svg")
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in b"".join(response.streaming_content)
    assert 'rel="icon"' in client.get(reverse("login")).content.decode()


def test_make_run_shows_the_app_error_pages_not_django_debug_ones():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]

    assert "DJANGO_DEBUG=0" in recipe
    assert "runserver --insecure" in recipe  # statics still served by the demo server


def test_the_admin_index_is_french_everywhere(client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("admin:index")).content.decode()

    captions = re.findall(r'<caption>\s*<a[^>]*>([^<]+)</a>', page)
    english = {"Axes", "Tasks", "Database tasks", "Django Tasks Database", "Authentication"}
    assert captions
    assert not [caption for caption in captions if any(word in caption for word in english)]


def test_the_scoring_form_numbers_criteria_without_nesting_brackets():
    from types import SimpleNamespace

    from tenders.forms import SheetForm

    criteria = [
        SimpleNamespace(pk=7, label="Prix (coût global)", weight=30),
        SimpleNamespace(pk=9, label="Qualité des contenus", weight=70),
    ]
    form = SheetForm(criteria=criteria)

    assert [(f.label, str(f.help_text)) for f in form.fields.values()][:2] == [
        ("C1 – Prix (coût global)", "Poids : 30 %"),
        ("C2 – Qualité des contenus", "Poids : 70 %"),
    ]
