"""Issued documents as downloads, for the monographs' pages and the tender's."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from dla_ic.pdf import pdf_response


def stored_pdf_response(issued, project) -> HttpResponse:
    name = _("cahier des charges %(title)s v%(n)s") % {"title": project.title, "n": issued.number}
    return pdf_response(issued.read(), name)
