"""Anonymous visitors are sent to sign in everywhere, walked from the URL resolver itself.

Independent of the access tables (tests/access/): every pattern, with made-up
arguments, is requested anonymously; only the names listed in PUBLIC may answer
without a redirect to the sign-in page. A new URL is protected unless it is
added here on purpose.
"""

import uuid

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Pages anyone may open without signing in.
PUBLIC = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "health",
    "health_bare",
    "favicon",  # a permanent redirect to the static icon, which browsers ask for anyway
    "admin:login",  # the admin's own sign-in form (rate-limited by axes as well)
    "accept_invitation",  # an invitee has no account yet; a made-up token is a 404 page
    "agenda:calendar_feed",  # a calendar program has no session: the token is the key
}
# Public pages whose made-up argument names nothing: their French 404, not a sign-in.
PUBLIC_NOT_FOUND = {"accept_invitation", "agenda:calendar_feed"}

SAMPLE_VALUES = {"int": 1, "str": "x", "slug": "x", "path": "x", "uuid": uuid.UUID(int=1)}


def patterns(resolvers=None, namespace=""):
    """(name, pattern) for every named URL pattern, namespaces included."""
    for pattern in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def sample_url(name, pattern):
    converters = getattr(pattern.pattern, "converters", {})
    kwargs = {}
    for arg, converter in converters.items():
        kind = type(converter).__name__.removesuffix("Converter").lower()
        kwargs[arg] = SAMPLE_VALUES.get(kind, "x")
    regex = pattern.pattern.regex
    if not converters and regex.groups:  # the admin's regex patterns
        if not regex.groupindex:
            return reverse(name, args=["1"] * regex.groups)
        kwargs = {group: "cycle" if group == "app_label" else "1" for group in regex.groupindex}
    return reverse(name, kwargs=kwargs)


ALL = sorted(dict(patterns()).items())


def test_the_walk_sees_every_app():
    names = {name for name, _ in ALL}
    assert {"cycle:home", "health", "login", "admin:index"} <= names
    assert len(names) > 40
    assert PUBLIC <= names, sorted(PUBLIC - names)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "pattern"), ALL, ids=[name for name, _ in ALL])
def test_anonymous_is_sent_to_sign_in(name, pattern):
    client = Client(raise_request_exception=False)
    url = sample_url(name, pattern)
    response = client.get(url)

    if name in PUBLIC:
        expected = {404} if name in PUBLIC_NOT_FOUND else {200, 405}
        assert response.status_code in expected, f"{name}: {response.status_code}"
        return
    assert response.status_code == 302, f"{name} ({url}) answered {response.status_code}"
    # The admin's index and a few of its pages send to its own sign-in form.
    logins = (reverse(settings.LOGIN_URL), *([reverse("admin:login")] * name.startswith("admin:")))
    assert response.url.startswith(logins), f"{name} ({url}) redirects to {response.url}"
