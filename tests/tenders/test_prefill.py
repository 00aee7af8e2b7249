"""A firm's first offer is proposed the phases the IC planned (issue 21); the grille's
part 2 is proposed the chosen offer's phases."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cycle import services as cycle
from grille import proposals
from tenders.models import Offer, OfferVersion
from tests.browserless import posted
from tests.tenders.conftest import pdf_bytes, submit

NOTE = "Proposées d'après les phases prévues par l'IC"


def plan(project):
    cycle.add_planned_phase(project, title="Diagnostic partagé", days=Decimal("2.5"))
    cycle.add_planned_phase(project, title="Ateliers")


def test_a_first_offer_shows_the_ic_planned_phases(client, open_call, alpha_user):
    plan(open_call.project)
    client.force_login(alpha_user)

    page = client.get(reverse("tenders:offer_edit", args=[open_call.pk])).content.decode()

    data = posted(page, "multipart/form-data")
    assert (data["phases-0-title"], data["phases-0-days"]) == ("Diagnostic partagé", "2,5")
    assert (data["phases-1-title"], data["phases-1-days"]) == ("Ateliers", "")
    assert NOTE in page


def test_the_proposed_phases_are_read_as_typed_once_completed(client, open_call, alpha_user):
    plan(open_call.project)
    client.force_login(alpha_user)
    url = reverse("tenders:offer_edit", args=[open_call.pk])
    data = posted(client.get(url).content.decode(), "multipart/form-data")
    data |= {"method": "Ateliers", "price": "9 000", "intervenants": alpha_user.intervenant.pk}

    refused = client.post(url, {**data, "file": SimpleUploadedFile("o.pdf", pdf_bytes())})
    assert refused.status_code == 400  # the second phase has no days yet: asked, like typed
    assert "Ce champ est obligatoire." in refused.text

    data["phases-1-days"] = "3"
    response = client.post(url, {**data, "file": SimpleUploadedFile("o.pdf", pdf_bytes())})

    assert response.status_code == 302
    assert OfferVersion.objects.get().phases == [
        {"title": "Diagnostic partagé", "days": "2.5"}, {"title": "Ateliers", "days": "3"},
    ]


def test_an_offer_already_made_keeps_its_own_phases(client, open_call, alpha_user):
    submit(open_call, alpha_user)
    plan(open_call.project)
    client.force_login(alpha_user)

    page = client.get(reverse("tenders:offer_edit", args=[open_call.pk])).content.decode()

    assert "Diagnostic partagé" not in page and NOTE not in page
    assert posted(page, "multipart/form-data")["phases-0-title"] == "Diagnostic"


def test_the_grille_is_proposed_the_chosen_offer_phases_before_the_ic_planned_ones(
    open_call, alpha_user
):
    plan(open_call.project)
    assert proposals.proposed_phases(open_call.project)[0]["title"] == "Diagnostic partagé"

    version = submit(open_call, alpha_user)
    Offer.objects.filter(pk=version.offer.pk).update(selected=True)

    assert proposals.proposed_phases(open_call.project) == [
        {"title": "Diagnostic", "days": Decimal("2")},
        {"title": "Ateliers", "days": Decimal("4.5")},
    ]
