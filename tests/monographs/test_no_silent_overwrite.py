"""Two people write the same cahier des charges from two sessions: no silent overwrite."""

import html

import pytest
from django.test import Client
from django.urls import reverse

from monographs import services
from monographs.models import Specification
from tests.browserless import posted

FORM = "method=post"  # the page's only form (after the navigation's sign-out form)


def page(client, url):
    text = client.get(url).content.decode()
    return posted(text[text.index("<main"):], FORM)


def test_a_stale_save_keeps_the_other_persons_fields(charge_mission, project):
    specification = services.specification_for(project)
    first, second = Client(), Client()
    first.force_login(charge_mission)
    second.force_login(charge_mission)
    url = reverse("monographs:specification_edit", args=[project.pk])
    mine, theirs = page(first, url), page(second, url)
    assert first.post(url, {**mine, "place": "Arras"}).status_code == 302

    response = second.post(url, {**theirs, "rhythm": "Chaque mois"})

    text = response.content.decode()
    assert "Arras" in html.unescape(text) and "Chaque mois" in text
    assert Specification.objects.get(pk=specification.pk).rhythm == ""
    again = posted(text[text.index("<main"):], FORM)
    assert second.post(url, again).status_code == 302
    saved = Specification.objects.get(pk=specification.pk)
    assert (saved.place, saved.rhythm) == ("Arras", "Chaque mois")


def test_issuing_makes_an_ic_form_opened_before_stale(charge_mission, project):
    from cycle import services as cycle_services
    from cycle.models import Project
    from cycle.states import State
    from tests.cycle.test_guards import bring_to
    from tests.monographs.test_specification import complete

    at_modalites = bring_to(project, State.MODALITES, charge_mission)
    opened = Project.objects.get(pk=at_modalites.pk)  # an IC form drawn before the issue
    specification = services.specification_for(at_modalites)
    complete(specification)
    services.issue_specification(specification, by=charge_mission)

    opened.title = "Saisie d'avant l'émission"
    with pytest.raises(cycle_services.EditConflict):
        cycle_services.update_project(opened, by=charge_mission, version=opened.version)
    assert Project.objects.get(pk=project.pk).specification_issued_on is not None


def test_a_stale_save_keeps_the_other_persons_criteria(charge_mission, project):
    specification = services.specification_for(project)
    first, second = Client(), Client()
    first.force_login(charge_mission)
    second.force_login(charge_mission)
    url = reverse("monographs:specification_edit", args=[project.pk])
    mine, theirs = page(first, url), page(second, url)
    assert first.post(url, {**mine, "criteria-0-label": "Qualité des apports"}).status_code == 302

    response = second.post(url, {**theirs, "rhythm": "Chaque mois"})

    text = response.content.decode()
    assert "Qualité des apports" in text
    assert second.post(url, posted(text[text.index("<main"):], FORM)).status_code == 302
    labels = list(specification.criteria.order_by("position").values_list("label", flat=True))
    assert labels[0] == "Qualité des apports"
    assert Specification.objects.get(pk=specification.pk).rhythm == "Chaque mois"
