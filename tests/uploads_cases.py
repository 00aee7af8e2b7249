"""Files a user may try to attach or file, built by hand (never by the product's upload
modules): the bad ones each upload form must refuse, and a raw multipart request that carries
a file name the test client would have cleaned (``../``)."""

from tests.exchange.factories import docx_bytes, pdf_bytes, png_bytes

MAX_BYTES = 10 * 1024 * 1024  # the promise: 10 Mio per file, as for the offers

# (id, file name, content): each must be refused, nothing stored.
BAD_FILES = [
    ("pdf-renamed-docx", "compte-rendu.docx", pdf_bytes),
    ("docx-renamed-pdf", "compte-rendu.pdf", docx_bytes),
    ("png-renamed-pdf", "photo.pdf", png_bytes),
    ("exe-renamed-pdf", "facture.pdf", lambda: b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64),
    ("pdf-renamed-exe", "outil.exe", pdf_bytes),
    ("html-renamed-pdf", "page.pdf", lambda: b"<html><script>alert(1)</script></html>"),
    ("broken-pdf", "casse.pdf", lambda: b"%PDF-1.7 not really a pdf"),
    ("zero-bytes", "vide.pdf", lambda: b""),
    ("over-limit", "gros.pdf", lambda: pdf_bytes() + b"%" * MAX_BYTES),
]


def multipart(fields: dict, file_field: str, file_name: str, content: bytes):
    """A multipart body sent as a browser would, the file name untouched."""
    boundary = "----dla-ic-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
        f'filename="{file_name}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
        + content + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"
