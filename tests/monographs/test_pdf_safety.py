"""Documents fetch nothing but the app's static files, and user text stays text."""

import io
import socket
import threading

import pytest
from django.template.loader import render_to_string
from pypdf import PdfReader

from dla_ic.pdf import StaticFilesFetcher, html_to_pdf


@pytest.fixture
def listener():
    """A local TCP server that records whether anything connects to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    connections = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                connections.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join()
    server.close()


def hostile_markup(port, secret):
    return (
        f'<link rel="attachment" href="file://{secret}">'
        f'<link rel="attachment" href="{secret}">'

        '<img src="file:///etc/passwd">'
        '<link rel="attachment" href="/etc/hostname">'
        '<link rel="attachment" href="file:///etc/hostname">'
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">'
        f'<img src="http://127.0.0.1:{port}/x.png">'
        f"<div style=\"background: url('http://127.0.0.1:{port}/bg.png')\">css</div>"
        '<img src="/static/../../../../etc/passwd">'
    )


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def assert_nothing_embedded(pdf: bytes):
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.attachments == {}
    assert b"/EmbeddedFile" not in pdf


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("CANARY-7f3a9c")
    return path


def test_hostile_tags_fetch_nothing(listener, secret):
    port, connections = listener
    fetcher = StaticFilesFetcher()
    markup = hostile_markup(port, secret)
    html = f"<!doctype html><html lang=fr><title>T</title><body>{markup}</body></html>"

    pdf = html_to_pdf(html, fetcher)

    assert connections == []
    assert_nothing_embedded(pdf)
    refused = " ".join(fetcher.refused)
    assert "CANARY" not in pdf_text(pdf)
    for target in ("file:///etc/passwd", str(secret), f"127.0.0.1:{port}", "/etc/hostname"):
        assert target in refused


def test_user_text_is_rendered_literally(listener, secret):
    port, connections = listener
    user_text = hostile_markup(port, secret) + "<script>alert(1)</script>"
    html = render_to_string(
        "monographs/document_base.html", {}
    ).replace("</body>", "{text}</body>")
    # Escape as every template does (autoescape), then render.
    from django.utils.html import escape

    pdf = html_to_pdf(html.replace("{text}", f"<p>{escape(user_text)}</p>"))

    assert connections == []
    assert_nothing_embedded(pdf)
    text = pdf_text(pdf).replace("\n", "")
    assert '<img src="file:///etc/passwd">' in text
    assert "<script>alert(1)</script>" in text


def test_static_stylesheet_is_used_and_metadata_set():
    html = render_to_string("monographs/document_base.html", {}).replace(
        "<title></title>", "<title>Monographie test</title>"
    ).replace('content=""', 'content="DLA du Nord"', 1).replace("</body>", "<p>Été 2005</p></body>")
    fetcher = StaticFilesFetcher()

    pdf = html_to_pdf(html, fetcher)

    assert fetcher.refused == []
    assert fetcher.served == ["monographs/print.css"]
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == "Monographie test"
    assert reader.metadata.author == "DLA du Nord"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr"
    assert "/StructTreeRoot" in root  # tagged PDF
    fonts = {str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any(name.endswith("DejaVu-Sans") for name in fonts), fonts  # the print stylesheet applied
