"""The carnet stays a tagged PDF/UA document: one titled /Sect per monograph, tags on its pages."""

import io

import pikepdf
import pytest
from django.core.management import call_command

from cycle.models import Project
from dla_ic.pdf import html_to_pdf
from grille.models import GrilleStatus
from monographs.carnet import build_carnet_pdf, carnet_path
from monographs.models import Carnet
from monographs.pdf_merge import merge_tagged


def _elements(element):
    """``element`` and its descendant structure elements (not marked content nor OBJR)."""
    yield element
    kids = element.get("/K", [])
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR":
            yield from _elements(kid)


def assert_tags_consistent(pdf):
    """Every tag points at a page of this file; each parent-tree key is used once."""
    pages = {page.obj.objgen for page in pdf.pages}
    tree = pdf.Root.StructTreeRoot
    for element in _elements(tree.K[0]):
        if "/Pg" in element:
            assert element.Pg.objgen in pages
    nums = tree.ParentTree.Nums
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    assert keys == sorted(set(keys))
    used = [int(p.obj.StructParents) for p in pdf.pages]
    used += [int(a.StructParent) for p in pdf.pages for a in p.obj.get("/Annots", [])]
    assert sorted(used) == keys


def _document(tmp_path, name):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(html_to_pdf(
        f'<html lang="fr"><head><title>{name}</title></head><body><h1>{name}</h1>'
        f'<p><a href="https://exemple.invalid/">lien</a></p>'
        f'<h2 style="break-before: page">Suite de {name}</h2></body></html>'
    ))
    return path


@pytest.mark.parametrize("batch", [1, 25])  # 1: each part grafted onto the written result
def test_merge_keeps_every_part_tags_under_a_titled_section(tmp_path, monkeypatch, batch):
    monkeypatch.setattr("monographs.pdf_merge.BATCH", batch)
    first, parts = _document(tmp_path, "Avant"), [_document(tmp_path, n) for n in ("Un", "Deux")]

    merge_tagged(first, [(parts[0], "Monographie un"), (parts[1], "Monographie deux")],
                 tmp_path / "out.pdf")

    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        assert len(pdf.pages) == 6
        document = pdf.Root.StructTreeRoot.K[0]
        sections = [k for k in document.K if k.S == "/Sect"]
        assert [str(s.T) for s in sections] == ["Monographie un", "Monographie deux"]
        assert all(s.P == document for s in sections)
        assert {str(e.S) for e in _elements(sections[1])} >= {"/H1", "/H2", "/Link"}
        assert_tags_consistent(pdf)
        assert pdf.open_metadata()["pdfuaid:part"] == "1"
        assert (pdf.docinfo.Title, pdf.Root.Lang) == ("Avant", "fr")
        with pdf.open_outline() as outline:
            assert [i.title for i in outline.root] == ["Avant", "Monographie un", "Monographie deux"]
            assert [c.title for c in outline.root[2].children] == ["Deux"]


@pytest.mark.django_db
def test_carnet_is_tagged_with_one_section_per_monograph(admin_user):
    call_command("load_demo", stdout=io.StringIO())
    projects = list(Project.objects.filter(grille__status=GrilleStatus.VALIDATED)
                    .order_by("title")[:2])
    carnet = Carnet.objects.create(title="Carnet balisé", requested_by=admin_user)
    carnet.projects.set(projects)

    name, pages = build_carnet_pdf(carnet, lambda percent: None)
    assert name == f"carnets/carnet-{carnet.pk}.pdf"  # in the private storage

    with pikepdf.open(carnet_path(carnet)) as pdf:
        assert len(pdf.pages) == pages
        sections = list(pdf.Root.StructTreeRoot.K[0].K)[-len(projects):]  # after the front
        assert [(s.S, str(s.T)) for s in sections] == [("/Sect", p.title) for p in projects]
        assert all(any(e.S == "/H1" for e in _elements(s)) for s in sections)
        assert_tags_consistent(pdf)
        assert pdf.open_metadata()["pdfuaid:part"] == "1"  # the monographs are PDF/UA-1
        assert (pdf.docinfo.Title, pdf.Root.Lang) == ("Carnet balisé", "fr")
        assert pdf.Root.MarkInfo.Marked and pdf.Root.ViewerPreferences.DisplayDocTitle
