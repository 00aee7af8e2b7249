"""Random input to every POST view of the URL conf, as a user allowed to post: never a 500,
and a refused form writes nothing (issue 13).

The URL names come from the resolver (``url_names``), so a new view is fuzzed as soon as it
exists: it needs only its entry in tests/access (which test_url_access already demands). Each
view is posted to once, empty, by each role in turn until one is neither refused nor hidden
(403, 404): that role is fuzzed; a view answering 405 takes no POST and is done. Otherwise
its fields are read from the forms that post to it, on its own page or on the pages whose
URL arguments it shares (a button on the IC page posts to a transition URL), and filled with
generated values: valid choices, huge and empty texts, control characters, far dates, wrong
types. An answer that is not a redirect (a form refused, a 404 for a bad id, a 409 conflict)
must leave every table as it was.
"""

import datetime
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from zeal import zeal_ignore

from tests.access.base import Access
from tests.access.test_url_access import ACCESS, resolve_url, url_names, world  # noqa: F401

# Who posts: the first of these roles whose empty POST is not refused (403) or hidden (404).
POSTERS = ("charge_mission", "admin", "intervenant", "other_intervenant", "c2ra")
# Tables a refused POST may still write: sign-in bookkeeping, not the application's data.
BOOKKEEPING = {"sessions.Session", "axes.AccessAttempt", "axes.AccessLog",
               "axes.AccessFailureLog", "admin.LogEntry"}
# The one documented exception to « a 409 writes nothing »: the attendance list merges
# (issue 17, tests/meetings/test_attendance_merge.py): the rows nobody else changed are
# saved, the disputed ones are shown back with 409. Only that table may change there.
MERGED_ON_CONFLICT = {("meetings:attendance", 409): "meetings.Attendee"}
EXAMPLES = 10
ADMIN_EXAMPLES = 3
UNFILLED_EXAMPLES = 2  # a view no form posts to (a page that takes POST like GET): noise only

FUZZ = dict(
    deadline=None, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
)

CHARS = st.characters(blacklist_categories=("Cs",))
CONTROL = st.text(st.sampled_from("\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\u2028"), min_size=1,
                  max_size=4)
TEXT = st.one_of(
    st.just(""),
    st.text(CHARS, max_size=60),
    st.builds(lambda a, c, b: a + c + b, st.text(CHARS, max_size=10), CONTROL,
              st.text(CHARS, max_size=10)),
    st.builds(lambda c, n: c * n, st.sampled_from("x€é\n "), st.sampled_from([1001, 20_001])),
    st.sampled_from(["<script>alert(1)</script>", "'; DROP TABLE x; --", "{{ x }}", "%s%n",
                     "\u202e", "🙂", " "]),
)
NUMBER = st.one_of(
    st.sampled_from(["0", "-1", "1e309", "NaN", "Infinity", "99999999999999999999999",
                     "9223372036854775808", "1,5", "1.255", "٣", "0x10", "--1"]),
    st.integers(-(10**12), 10**12).map(str),
)
DAY = st.one_of(
    st.sampled_from(["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01", "2026-02-30",
                     "2026-13-01", "31/12/2026", "demain"]),
    st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)).map(str),
)
MOMENT = st.one_of(DAY.map(lambda d: f"{d}T12:00"), st.sampled_from(["0001-01-01T00:00",
                                                                     "2026-06-01T25:61"]))
UPLOAD = st.builds(
    lambda content: SimpleUploadedFile("offre.pdf", content, content_type="application/pdf"),
    st.sampled_from([b"", b"%PDF-1.4\n%%EOF\n", b"\x00" * 64, b"<html></html>"]),
)


class FormsParser(HTMLParser):
    """The POST forms of a page: action, and each field's kind and offered values."""

    def __init__(self):
        super().__init__()
        self.forms, self.current, self.select = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.current = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self.current)
        elif self.current is None or not attrs.get("name"):
            if tag == "option" and self.select is not None:
                self.select["options"].append(attrs.get("value", ""))
            return
        elif tag in {"input", "textarea", "select", "button"}:
            kind = attrs.get("type", "text") if tag == "input" else tag
            field = self.current["fields"].setdefault(
                attrs["name"], {"kind": kind, "options": [], "multiple": "multiple" in attrs}
            )
            if kind in {"radio", "checkbox", "hidden", "submit"} or tag == "button":
                field["options"].append(attrs.get("value", "on"))
            if kind == "checkbox" and len(field["options"]) > 1:
                field["multiple"] = True
            if tag == "select":
                self.select = field

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None


def fields_of(html: str, page_url: str, url: str) -> dict:
    """name -> field, of every POST form of the page ``html`` whose action is ``url``."""
    parser = FormsParser()
    parser.feed(html)
    found = {}
    for form in parser.forms:
        action = urlsplit(form["action"]).path or urlsplit(page_url).path
        if action == url:
            for name, field in form["fields"].items():
                found.setdefault(name, field)
    return found


def value_for(field) -> st.SearchStrategy:
    kind, options = field["kind"], field["options"]
    junk = {"date": DAY, "datetime-local": MOMENT, "number": NUMBER, "file": UPLOAD}.get(
        kind, st.one_of(TEXT, NUMBER, DAY)
    )
    one = st.one_of(st.sampled_from(options), junk) if options else junk
    many = st.lists(one, max_size=4)
    return st.one_of(one, many) if field["multiple"] else st.one_of(one, one, one, many)


def snapshot() -> dict:
    """Every row of every application table (bookkeeping apart)."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models()
        if model._meta.managed and model._meta.label not in BOOKKEEPING
    }


# --- which URLs, posted to by whom


def admin_entry(name):
    """The admin's add views (every registered model) and the sampled IC's change view; its
    other views (lists, deletions, history) are Django's own and post no form of ours."""
    if name == "admin:cycle_project_change":
        return ACCESS[name]
    if re.fullmatch(r"admin:\w+_add", name):
        return Access(kwargs={}, get={"admin": 200})
    return None


NAMES = sorted(n for n in url_names() if not n.startswith("admin:") or admin_entry(n))


def test_the_fuzz_walks_every_url_and_every_admin_form():
    names = set(url_names())
    assert {n for n in names if not n.startswith("admin:")} <= set(NAMES)
    for model in admin.site._registry:
        assert f"admin:{model._meta.app_label}_{model._meta.model_name}_add" in NAMES


def poster(users, url) -> tuple[str, int]:
    """The first role whose empty POST is neither refused (403, or sent to sign in) nor
    hidden (404), with that answer; when every role is (a document not built yet), the first role: its 404 is
    fuzzed."""
    answers = {}
    sign_ins = (reverse("login"), reverse("admin:login"))
    for role in POSTERS:
        client = Client()
        client.force_login(users[role])
        response = client.post(url, {})
        answers[role] = response.status_code
        sent_to_sign_in = response.status_code == 302 and response.url.startswith(sign_ins)
        if answers[role] not in {403, 404} and not sent_to_sign_in:
            return role, answers[role]
    return POSTERS[0], answers[POSTERS[0]]


def form_fields(client, name, entry, samples, url) -> dict:
    """The fields of the forms posting to ``url``: on its page, else on pages sharing its
    arguments (the IC page holds the transition and checklist forms)."""
    pages = [(name, entry)] + [
        (other, ACCESS[other]) for other in sorted(ACCESS)
        if other != name and not other.startswith("admin:")
        and set(ACCESS[other].kwargs.items()) <= set(entry.kwargs.items())
    ]
    if name.startswith("admin:"):
        pages = pages[:1]
    found = {}
    for page_name, page_entry in pages:
        try:
            page_url = resolve_url(page_name, page_entry, samples)
        except KeyError:  # a sample this world lacks
            continue
        response = client.get(page_url)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            for field_name, field in fields_of(response.content.decode(), page_url, url).items():
                found.setdefault(field_name, field)
        if found and page_name == name:
            break
    return found


@pytest.mark.parametrize("name", NAMES)
def test_random_post(world, name):  # noqa: F811
    users, samples = world
    entry = ACCESS.get(name) or admin_entry(name)
    url = resolve_url(name, entry, samples)
    with zeal_ignore():
        role, answer = poster(users, url)
        if answer == 405:
            return  # takes no POST
        client = Client()
        client.force_login(users[role])
        fields = form_fields(client, name, entry, samples, url)
    strategies = {field_name: value_for(field) for field_name, field in fields.items()}
    extra = st.dictionaries(st.text(CHARS, max_size=12), st.one_of(TEXT, NUMBER), max_size=3)

    examples = ADMIN_EXAMPLES if name.startswith("admin:") else EXAMPLES
    @settings(max_examples=examples if fields else UNFILLED_EXAMPLES, **FUZZ)
    @given(st.fixed_dictionaries({}, optional=strategies), extra)
    def run(values, noise):
        data = {**noise, **values}
        client.force_login(users[role])  # a fuzzed logout or password change signed it out
        before = snapshot()
        with zeal_ignore():
            response = client.post(url, data)
        assert response.status_code < 500, (name, data)
        if response.status_code not in {301, 302, 303}:
            after = snapshot()
            if (name, response.status_code) in MERGED_ON_CONFLICT:
                # Only the merge's own table may move (its undisputed rows, saved).
                table = MERGED_ON_CONFLICT[(name, response.status_code)]
                after[table], before[table] = [], []
            assert after == before, f"{name} answered {response.status_code} but wrote"

    run()

