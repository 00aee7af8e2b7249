"""Two people write the same cahier des charges from two sessions: no silent overwrite."""

import html

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
