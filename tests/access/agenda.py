"""« Mes tâches » and the calendar feed: every signed-in user has theirs; the feed answers
its token only (a wrong one: 404 to everyone, signed in or not)."""

from .base import ROLES, Access

SIGNED_IN = {**dict.fromkeys(ROLES, 200), "anonymous": 302}

ACCESS = {
    "agenda:my_tasks": Access(
        kwargs={},
        get=SIGNED_IN,
        post={**dict.fromkeys(ROLES, 405), "anonymous": 302},
    ),
    # A POST without an action issues nothing: back to the page (302), as after any POST.
    "agenda:calendar_settings": Access(
        kwargs={},
        get=SIGNED_IN,
        post={**dict.fromkeys(ROLES, 302), "anonymous": 302},
        data={"action": ""},
    ),
    "agenda:calendar_feed": Access(
        kwargs={"token": "literal:mauvais-jeton"},
        get=dict.fromkeys(ROLES, 404),
        post=dict.fromkeys(ROLES, 405),
    ),
}
SAMPLES = {}
