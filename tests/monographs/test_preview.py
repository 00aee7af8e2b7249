"""One template, one rendering: the HTML preview shows the very markup and styles of the PDF."""

import io
import re

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import User
from cycle.models import Project
from cycle.templatetags.formatting import guillemets, lines
from monographs.documents import monograph_html
from monographs.models import Specification
from monographs.selectors import specification_context

ARTICLE = re.compile(r'<article class="document[^"]*">.*?</article>', re.DOTALL)
STYLESHEET = '<link rel="stylesheet" href="/static/monographs/print.css">'


def article(html: str) -> str:
    match = ARTICLE.search(html)
    assert match, "no document in the page"
    return match.group()


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    return User.objects.get(username="admin")


def test_monograph_preview_is_the_pdfs_markup_and_style(client, demo):
    project = Project.objects.get(title="Consolider et pérenniser l'offre d'insertion sur un territoire")
    client.force_login(demo)

    page = client.get(reverse("monographs:monograph_detail", args=[project.pk])).text
    document = monograph_html(project)

    assert article(page) == article(document)
    assert STYLESHEET in page and STYLESHEET in document
    assert '<ul class="points">' in page  # points positifs / vigilance: one bullet each
    assert "«\u00a0" in page and "« " not in article(page)


def test_specification_preview_is_the_pdfs_markup_and_style(client, demo):
    project = Specification.objects.select_related("project").first().project
    client.force_login(demo)

    page = client.get(reverse("monographs:specification_detail", args=[project.pk])).text
    context = specification_context(project, demo)
    document = render_to_string("monographs/specification_pdf.html", context)

    assert article(page) == article(document)
    assert STYLESHEET in page and STYLESHEET in document


@pytest.mark.parametrize(("typed", "printed"), [
    ("« environnement »", "«\u00a0environnement\u00a0»"),
    ("«environnement»", "«\u00a0environnement\u00a0»"),
    ("«\u202fenvironnement\u00a0 »", "«\u00a0environnement\u00a0»"),
    ("sans guillemets", "sans guillemets"),
])
def test_guillemets_hold_their_word(typed, printed):
    assert guillemets(typed) == printed


def test_points_are_the_lines_typed_without_their_markers():
    typed = "- Synthèses régulières\n\n• Partir du diagnostic \r\n* Mélanger les acteurs\nUn dernier"
    assert lines(typed) == [
        "Synthèses régulières", "Partir du diagnostic", "Mélanger les acteurs", "Un dernier",
    ]
    assert lines("") == [] and lines(None) == []
