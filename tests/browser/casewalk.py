"""Count what a user submits while walking a case in the browser (issue 21).

``Submissions`` listens to every request of a Playwright browser context and sorts the
user's POSTs: a checklist tick (the URL named ``cycle:checklist_tick``) is a tick; any
other POST — a full-page form's navigation or an htmx/fetch request — is a submission;
the login form is counted apart (signing in is not work on the case). A request to
``/admin/`` is recorded and aborted, so a walk that needs the admin fails there and then.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

# Counts the page's htmx requests in flight. A request that an inline save triggers (the
# guidance's refresh on ``ic-changed``) must end before the user's next gesture: the test
# database is SQLite in memory with a shared cache, where a read beside a write fails at once
# (« table is locked », a 503) instead of waiting as the file database or PostgreSQL do.
IN_FLIGHT = """
window.__htmxInFlight = 0;
document.addEventListener("htmx:beforeRequest", () => { window.__htmxInFlight += 1; });
document.addEventListener("htmx:afterRequest", () => { window.__htmxInFlight -= 1; });
"""
ADMIN_PREFIX = "/admin/"
TICK = "cycle:checklist_tick"
LOGIN = "login"


def url_name(path: str) -> str:
    """The URL's name with its namespace (``cycle:checklist_tick``), or "" if none."""
    try:
        return resolve(path).view_name or ""
    except Resolver404:
        return ""


def settle(page) -> None:
    """Wait until none of the page's htmx requests is in flight (see IN_FLIGHT)."""
    page.wait_for_function("() => !window.__htmxInFlight")


@dataclass
class Submissions:
    """The user's POSTs, sorted, each logged as (step, kind, URL path)."""

    step_name: str = "début"
    submissions: int = 0
    ticks: int = 0
    logins: int = 0
    admin_hits: list[str] = field(default_factory=list)
    log: list[tuple[str, str, str]] = field(default_factory=list)
    failures: list[tuple[str, int, str]] = field(default_factory=list)  # answers >= 400

    def watch(self, context) -> "Submissions":
        """Count every request of ``context`` (each of its pages, present and future)."""
        context.on("request", self._seen)
        context.on("response", self._answered)
        context.route(f"**{ADMIN_PREFIX}**", self._refuse_admin)
        context.add_init_script(IN_FLIGHT)
        return self

    def step(self, name: str) -> None:
        """The name the next requests are logged under."""
        self.step_name = name

    def _refuse_admin(self, route) -> None:
        self.admin_hits.append(urlsplit(route.request.url).path)
        route.abort()

    def _seen(self, request) -> None:
        path = urlsplit(request.url).path
        if path.startswith(ADMIN_PREFIX):
            return  # recorded by the route, which refuses it
        if request.method != "POST":
            return
        name = url_name(path)
        if name == TICK:
            self.ticks += 1
            kind = "coche"
        elif name == LOGIN:
            self.logins += 1
            kind = "connexion"
        else:
            self.submissions += 1
            kind = "envoi"
        self.log.append((self.step_name, kind, path))

    def _answered(self, response) -> None:
        if response.status >= 400:
            self.failures.append((self.step_name, response.status, response.url))

    def report(self) -> str:
        """A readable list of the submissions and ticks, step by step, then the totals."""
        lines = [f"{i:3d}. [{kind}] {step} — POST {path}"
                 for i, (step, kind, path) in enumerate(self.log, 1)]
        lines += [f"  !! {status} {url} ({step})" for step, status, url in self.failures]
        lines.append(
            f"Envois de formulaires : {self.submissions} · coches : {self.ticks} · "
            f"connexions : {self.logins} · pages /admin/ : {len(self.admin_hits)}"
        )
        return "\n".join(lines)
