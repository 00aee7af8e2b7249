"""The documents on paper, read from WeasyPrint's laid-out pages (its page boxes).

What a reader sees on a printed page: no heading left at the foot of a page, no
table row away from its total, no page holding only the generation date, no
running header on the carnet's cover, no guillemet alone at a line's end.
"""

import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint.formatting_structure import boxes

from accounts.models import User
from cycle.models import Project
from dla_ic.pdf import render_document
from grille.models import Grille
from monographs.documents import fiche_technique_context, monograph_html
from monographs.models import Carnet, Specification
from monographs.selectors import specification_context
from tests.grille.conftest import complete_grille, complete_project

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LABELS = {"axis", "answer"}  # lines that, like a heading, announce what follows them
SEED_CASES = {
    "B": "Pérenniser des emplois « environnement »",
    "C": "Éclairage fiscal des recycleries et ressourceries",
    "D": "Consolider et pérenniser l'offre d'insertion sur un territoire",
    "E": "Pérenniser un réseau départemental environnement et patrimoine",
}
GENERATED = re.compile(r"^Document généré le \d{1,2} \w+ \d{4}$")


def body_lines(page):
    """(text, tags of the enclosing elements) of each line of the page's body, in order."""
    def walk(box, tags):
        if isinstance(box, boxes.MarginBox):
            return
        if isinstance(box, boxes.LineBox):
            text = "".join(t.text for t in box.descendants() if isinstance(t, boxes.TextBox))
            if text.strip():
                yield text, tags
            return
        tags = [*tags, box] if getattr(box, "element_tag", None) else tags
        for child in getattr(box, "children", ()):
            yield from walk(child, tags)
    yield from walk(page._page_box, [])


def margin_text(page) -> str:
    return " ".join(
        t.text for box in page._page_box.children if isinstance(box, boxes.MarginBox)
        for t in box.descendants() if isinstance(t, boxes.TextBox)
    )


def tag(box):
    classes = box.element.get("class", "").split() if box.element is not None else []
    return box.element_tag, classes


@pytest.fixture(scope="module")
def documents(django_db_setup, django_db_blocker):
    """The four seed monographs and the demo's cahier des charges, laid out once."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        projects = {p.title: p for p in Project.objects.filter(title__in=SEED_CASES.values())}
        laid_out = {
            f"monographie {case}": render_document(monograph_html(projects[title]))
            for case, title in SEED_CASES.items()
        }
        admin = User.objects.get(username="admin")
        for specification in Specification.objects.select_related("project"):
            context = specification_context(specification.project, admin)
            html = render_to_string("monographs/specification_pdf.html", context)
            laid_out[f"cahier des charges {specification.project}"] = render_document(html)
        transaction.set_rollback(True)  # the pages are laid out: leave the database as found
    return laid_out


def test_documents_are_all_there(documents):
    assert len([name for name in documents if name.startswith("cahier")]) >= 1
    assert len(documents) >= 5


def test_no_heading_is_the_last_line_of_a_page(documents):
    stranded = []
    for name, document in documents.items():
        for number, page in enumerate(document.pages[:-1], start=1):
            lines = list(body_lines(page))
            text, tags = lines[-1]
            if any(b.element_tag in HEADINGS or LABELS & set(tag(b)[1]) for b in tags):
                stranded.append((name, number, text))
    assert not stranded


def test_no_table_row_is_separated_from_its_total(documents):
    split = []
    for name, document in documents.items():
        pages_of = {}  # table element -> pages holding one of its body rows
        for number, page in enumerate(document.pages, start=1):
            for table in page._page_box.descendants():
                if isinstance(table, boxes.TableBox) and any(
                    group.element_tag == "tbody" for group in table.children
                ):
                    pages_of.setdefault(table.element, set()).add(number)
        for table, numbers in pages_of.items():
            if table.find("tfoot") is not None and len(numbers) > 1:
                split.append((name, sorted(numbers)))
    assert not split


def test_no_page_holds_only_the_generation_date(documents):
    empty = []
    for name, document in documents.items():
        for number, page in enumerate(document.pages, start=1):
            texts = [" ".join(text.split()) for text, _ in body_lines(page)]
            if not [t for t in texts if not GENERATED.match(t)]:
                empty.append((name, number))
    assert not empty


def test_no_guillemet_is_split_from_its_word(documents):
    split = []
    for name, document in documents.items():
        for number, page in enumerate(document.pages, start=1):
            for text, _ in body_lines(page):
                if text.rstrip().endswith("«") or text.lstrip().startswith("»"):
                    split.append((name, number, text))
    assert not split


def test_visually_hidden_captions_are_not_printed(documents):
    for name, document in documents.items():
        if name.startswith("cahier"):
            texts = [text for page in document.pages for text, _ in body_lines(page)]
            assert not [t for t in texts if "Critères et pondérations" in t], name


@pytest.mark.django_db
def test_carnet_cover_has_no_running_header_nor_page_number(admin_user):
    carnet = Carnet(title="Carnet de la région", requested_by=admin_user)
    context = {"carnet": carnet, "entries": [], "generated_on": timezone.localdate()}
    html = render_to_string("monographs/carnet_front.html", context | fiche_technique_context())

    cover, contents, *_ = render_document(html).pages

    assert margin_text(cover).strip() == ""
    assert "Carnet de la région" in margin_text(contents)  # the pages after it keep theirs
    assert "2" in margin_text(contents)


def test_a_new_case_has_no_page_of_its_own_for_the_generation_date(project):
    grille = Grille.objects.create(project=complete_project(project))
    complete_grille(grille)

    document = render_document(monograph_html(project))

    for page in document.pages:
        assert [text for text, _ in body_lines(page) if not GENERATED.match(" ".join(text.split()))]
        assert "Document généré le" in margin_text(page)  # in the footer of every page
