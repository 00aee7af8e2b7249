"""Uploads checked as the offers are (content, size, name), links made clickable safely,
mentions and followers notified once, unread counts, the thread list's query count."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cycle.audiences import Visibility
from exchange import selectors, services, uploads
from exchange.templatetags.exchange_text import message_text
from notifications.models import Notification
from tests.exchange.factories import docx_bytes, pdf_bytes, png_bytes, post, upload


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("cr.pdf", pdf_bytes, "pdf"),
        ("photo.PNG", png_bytes, "png"),
        ("convention.docx", docx_bytes, "docx"),
    ],
)
def test_accepted_kinds_are_known_by_their_content(name, content, kind):
    assert uploads.validate(upload(name, content())).code == kind


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("faux.pdf", b"MZ\x90\x00 an executable", "bad_type"),
        ("page.pdf", b"<html><script>alert(1)</script></html>", "bad_type"),
        ("casse.pdf", b"%PDF-1.7 not really", "bad_type"),
        ("photo.pdf", None, "name_mismatch"),  # a PNG named .pdf
        ("cr.exe", None, "name_mismatch"),  # a PDF named .exe
        ("vide.pdf", b"", "empty"),
    ],
)
def test_refused_uploads(name, content, code):
    data = png_bytes() if name == "photo.pdf" else (pdf_bytes() if content is None else content)
    with pytest.raises(ValidationError) as error:
        uploads.validate(upload(name, data))
    assert error.value.code == code


def test_too_large_is_refused(settings, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_BYTES", 100)
    with pytest.raises(ValidationError) as error:
        uploads.validate(upload("cr.pdf", pdf_bytes()))
    assert error.value.code == "too_large"


def test_a_refused_upload_is_told_beside_the_field_and_stores_nothing(client, world, private_root):
    client.force_login(world.users["cm"])
    response = client.post(
        reverse("exchange:project", args=[world.project.pk]),
        {
            "subject": "Pièces",
            "body": "Voici",
            "visibility": Visibility.TEAM,
            "files": [upload("cr.pdf", b"not a pdf at all")],
        },
    )
    assert response.status_code == 200
    assert "ni un PDF" in response.content.decode()
    assert not world.project.exchange_threads.exists()
    assert not (private_root / "exchange").exists() or not any(
        (private_root / "exchange").iterdir()
    )


def test_the_stored_file_has_a_random_name_under_private_root(world, private_root):
    message = post(world.users["cm"], world.project, Visibility.TEAM, files=[upload("../../x.pdf")])
    stored = message.attachments.get()
    assert "x" not in stored.file_name.removesuffix(".pdf")
    assert (private_root / "exchange" / stored.file_name).exists()


def test_links_are_clickable_and_nothing_else_is_markup():
    html = message_text('Voir https://example.org/a?b=1 <script>alert("x")</script>\nfin')
    assert '<a href="https://example.org/a?b=1" rel="nofollow noopener">' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<br>fin" in html


def test_a_forged_attribute_stays_text():
    html = message_text('x rel="nofollow" onmouseover="alert(1)" https://a.example')
    assert 'onmouseover="' not in html


def test_mentions_notify_who_may_see_once(world):
    users = world.users
    text = "Bonjour @nora et @ines et @omar, écrire à a@ines.example"
    message = post(users["cm"], world.project, Visibility.STRUCTURES, body=text)
    mentioned = Notification.objects.filter(kind="message_mention")
    # nora (this IC's structure) sees it; ines (firm) does not see « structures »; omar is
    # another IC's; an e-mail address is not a mention.
    assert set(mentioned.values_list("recipient__username", flat=True)) == {"nora"}

    from exchange import notices

    with TestCase.captureOnCommitCallbacks(execute=True):
        notices.tell(message)  # told again: nothing new
    assert mentioned.count() == 1


def test_followers_hear_of_a_new_message_they_may_see(world):
    users = world.users
    first = post(users["cm"], world.project, Visibility.ALL)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.post_message(
            by=users["structure"], thread=first.thread, body="Merci", visibility=Visibility.ALL
        )
    services.mark_read(by=users["c2ra"], thread=first.thread)  # c2ra now follows it
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.post_message(
            by=users["cm"], thread=first.thread, body="Entre nous", visibility=Visibility.TEAM
        )
    told = Notification.objects.filter(kind="message_posted")
    # « Merci » told cm; « Entre nous » told c2ra (a reader), never nora (not of the team).
    assert sorted(told.values_list("recipient__username", flat=True)) == ["c2ra", "cm"]


def test_unread_counts_per_person(client, world):
    users = world.users
    message = post(users["cm"], world.project, Visibility.STRUCTURES)
    post(users["cm"], world.project, Visibility.TEAM, subject="Équipe")
    project = world.project
    assert selectors.unread_count(users["structure"], project, {"structures", "all"}) == 1
    assert selectors.unread_count(users["cm"], project, set(Visibility.values)) == 0

    client.force_login(users["structure"])
    url = reverse("exchange:thread_read", args=[project.pk, message.thread_id])
    assert client.post(url, headers={"HX-Request": "true"}).status_code == 204  # the page's call
    assert client.post(url).status_code == 302  # without JS: back to the thread
    assert selectors.unread_count(users["structure"], project, {"structures", "all"}) == 0
    assert selectors.unread_count(users["c2ra"], project, set(Visibility.values)) == 2


def _count_list_queries(client, world, n):
    for i in range(n):
        post(world.users["cm"], world.project, Visibility.ALL, subject=f"S{i}", files=[upload()])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("exchange:project", args=[world.project.pk])).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["cm", "structure"])
def test_thread_list_queries_do_not_grow_with_messages(client, world, role):
    client.force_login(world.users[role])
    client.get(reverse("exchange:project", args=[world.project.pk]))  # the session's first read
    few = _count_list_queries(client, world, 1)
    many = _count_list_queries(client, world, 6)
    assert many == few


def test_thread_detail_queries_do_not_grow_with_messages(client, world):
    users = world.users
    first = post(users["cm"], world.project, Visibility.ALL, files=[upload()])
    client.force_login(users["intervenant"])
    url = reverse("exchange:thread", args=[world.project.pk, first.thread_id])
    client.get(url)  # the session's first read
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        with TestCase.captureOnCommitCallbacks(execute=True):
            services.post_message(
                by=users["cm"],
                thread=first.thread,
                body="Encore",
                visibility=Visibility.ALL,
                files=[upload()],
            )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


@pytest.mark.parametrize(
    ("role", "label", "unread"),
    [
        ("cm", "Échanges et notes", None),
        ("c2ra", "Échanges et notes", "1"),
        ("intervenant", "Messages", None),
    ],
)
def test_the_ic_page_links_to_the_exchanges_with_the_unread_count(
    client, world, role, label, unread
):
    post(world.users["cm"], world.project, Visibility.TEAM)
    client.force_login(world.users[role])
    page = client.get(reverse("cycle:project_detail", args=[world.project.pk])).content.decode()
    link = page[page.index('data-testid="exchange-link"') :]
    link = link[: link.index("</a>")]
    assert label in link
    assert ("non lus" in link) == (unread is not None)
