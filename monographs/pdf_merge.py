"""Concatenate tagged (PDF/UA) documents into one, keeping their structure trees.

pypdf and qpdf copy pages but drop the catalog's /StructTreeRoot (qpdf lists
keeping document-level data as future work, its "pages epic"), so the tags are
grafted here: each part's /Document element becomes a /Sect, titled, under the
first document's /Document element; its parent-tree keys (the /StructParents of
its pages and the /StructParent of its links) are shifted past those already used.

qpdf copies objects lazily: a part's streams are read from its file when the
result is written, so parts stay open until then.
"""

import contextlib
import tempfile
from pathlib import Path

import pikepdf

BATCH = 25  # parts grafted between two writes of the result


def _next_key(nums) -> int:
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    return max(keys, default=-1) + 1


def _shift_keys(pages, offset: int) -> None:
    for page in pages:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset


def _copy(pdf, part, obj):
    """``obj`` of ``part`` in ``pdf``; objects already copied (pages, tags) are reused."""
    if not obj.is_indirect:  # qpdf copies only indirect objects
        obj = part.make_indirect(obj)
    return pdf.copy_foreign(obj)


def _copy_outline(pdf, part, items) -> list:
    copies = []
    for item in items:
        copy = pikepdf.OutlineItem(item.title, _copy(pdf, part, item.destination))
        copy.children.extend(_copy_outline(pdf, part, item.children))
        copies.append(copy)
    return copies


def _graft(pdf, part, title: str, outline) -> None:
    tree, document = pdf.Root.StructTreeRoot, pdf.Root.StructTreeRoot.K[0]
    nums = tree.ParentTree.Nums
    offset, first = _next_key(nums), len(pdf.pages)
    pdf.pages.extend(part.pages)
    _shift_keys(pdf.pages[first:], offset)
    section = part.Root.StructTreeRoot.K[0]
    section.S, section.T = pikepdf.Name.Sect, title
    del section.P  # else copying it would bring the part's tree root along
    section = pdf.copy_foreign(section)
    section.P = document
    document.K.append(section)
    part_nums = part.Root.StructTreeRoot.ParentTree.Nums
    for i in range(0, len(part_nums), 2):
        nums.append(int(part_nums[i]) + offset)
        nums.append(_copy(pdf, part, part_nums[i + 1]))
    with part.open_outline() as part_outline:
        item = pikepdf.OutlineItem(title, first)
        item.children.extend(_copy_outline(pdf, part, part_outline.root))
        outline.root.append(item)


def _merge_batch(first: Path, parts, target) -> None:
    with contextlib.ExitStack() as stack:
        pdf = stack.enter_context(pikepdf.open(first))
        with pdf.open_outline() as outline:
            for path, title in parts:
                _graft(pdf, stack.enter_context(pikepdf.open(path)), title, outline)
        pdf.save(target)


def merge_tagged(first: Path, parts: list[tuple[Path, str]], target) -> None:
    """Write ``first`` followed by each (pdf, title) of ``parts`` to ``target``.

    ``first`` keeps its catalog: language, metadata (title, PDF/UA identifier),
    viewer preferences and outline; each part adds a bookmark and a /Sect tag.
    An open part costs ~0.6 MiB in qpdf: BATCH at a time are grafted onto the
    result so far, written to disk, then closed. Measured on 100 parts: 120 MiB
    instead of 167 for 1.3 s of CPU instead of 0.7 (BATCH = 10: 111 MiB, 2.5 s);
    what still grows is the result's own structure tree, which qpdf holds while
    writing it.
    """
    with tempfile.TemporaryDirectory(prefix="merge-") as workdir:
        for start in range(0, max(len(parts), 1), BATCH):
            done = start + BATCH >= len(parts)
            output = target if done else Path(workdir) / f"{start % (2 * BATCH)}.pdf"
            _merge_batch(first, parts[start:start + BATCH], output)
            first = output
