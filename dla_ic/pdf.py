"""HTML + print CSS → PDF with WeasyPrint, fetching nothing but the app's own static files.

WeasyPrint's default fetcher follows any URL (file:, http:, redirects) and
``<link rel="attachment">`` embeds any readable file: with user text in our
documents that is an SSRF and a file-disclosure risk. Every document of the
app is rendered through ``render_pdf``, whose fetcher serves only files that
Django's static finders know and small ``data:`` URIs.
"""

import mimetypes
import posixpath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative URLs in documents resolve against this origin, which exists nowhere.
DOCUMENT_ORIGIN = "https://documents.dla-ic.invalid"
MAX_DATA_URI = 256 * 1024
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


class RefusedResource(ValueError):
    """A document asked for something outside the app's static files."""


class StaticFilesFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols={"https", "data"}, allow_redirects=False, timeout=2)
        self.refused: list[str] = []
        self.served: list[str] = []

    def fetch(self, url, headers=None):
        try:
            if url.startswith("data:"):
                if len(url) > MAX_DATA_URI:
                    raise RefusedResource("data: URI too large")
                return super().fetch(url, headers)
            return self._static_file(url)
        except RefusedResource:
            self.refused.append(url[:200])
            raise

    def _static_file(self, url):
        parts = urlsplit(url)
        prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        if f"{parts.scheme}://{parts.netloc}" != DOCUMENT_ORIGIN or not parts.path.startswith(
            prefix
        ):
            raise RefusedResource(url)
        relative = posixpath.normpath(unquote(parts.path.removeprefix(prefix)))
        if relative.startswith(("..", "/")):
            raise RefusedResource(url)
        try:
            path = finders.find(relative)
        except SuspiciousFileOperation as error:
            raise RefusedResource(url) from error
        if not path:
            raise RefusedResource(url)
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        self.served.append(relative)
        with open(path, "rb") as file:
            return URLFetcherResponse(url, file.read(), {"Content-Type": content_type})


def render_document(html: str, fetcher: StaticFilesFetcher | None = None, font_config=None):
    """The laid-out pages (WeasyPrint ``Document``): what is written, and what tests inspect.

    ``font_config``: a WeasyPrint ``FontConfiguration`` shared by documents rendered one after
    the other (a carnet's), which then load the system's fonts once instead of each.
    """
    document = HTML(
        string=html, base_url=DOCUMENT_ORIGIN + "/", url_fetcher=fetcher or StaticFilesFetcher()
    )
    return document.render(font_config=font_config, **PDF_OPTIONS)


def html_to_pdf(html: str, fetcher: StaticFilesFetcher | None = None) -> bytes:
    """Tagged PDF/UA-1; title, author and language come from the HTML's head."""
    return render_document(html, fetcher).write_pdf(**PDF_OPTIONS)


def write_pdf(html: str, target, font_config=None) -> int:
    """``html_to_pdf`` into the file ``target``; its page count, read from the layout
    (parsing the written PDF again to count its pages cost as much as a seventh of
    rendering it)."""
    document = render_document(html, font_config=font_config)
    document.write_pdf(target, **PDF_OPTIONS)
    return len(document.pages)


def render_pdf(template_name: str, context: dict, request=None) -> bytes:
    return html_to_pdf(render_to_string(template_name, context, request=request))


def pdf_response(pdf: bytes, name: str) -> HttpResponse:
    """A PDF to download, named after ``name``."""
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = slugify(name)[:80] or "document"
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response
