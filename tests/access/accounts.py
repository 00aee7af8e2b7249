"""Django's auth views: sign-in and password reset are public, password change is not."""

from .base import ROLES, Access

EVERYONE = dict.fromkeys(ROLES, 200)
SIGNED_IN = {**EVERYONE, "anonymous": 302}

ACCESS = {
    "login": Access(kwargs={}, get=EVERYONE),
    "password_reset": Access(kwargs={}, get=EVERYONE),
    "password_reset_done": Access(kwargs={}, get=EVERYONE),
    "password_reset_complete": Access(kwargs={}, get=EVERYONE),
    "password_reset_confirm": Access(
        kwargs={"uidb64": "literal:MQ", "token": "literal:jeton-invalide"}, get=EVERYONE
    ),
    "password_change": Access(kwargs={}, get=SIGNED_IN),
    "password_change_done": Access(kwargs={}, get=SIGNED_IN),
    # Public, like a reset link; a token nobody holds answers 404 (a French page) to anyone.
    "accept_invitation": Access(
        kwargs={"token": "literal:jeton-inconnu"}, get=dict.fromkeys(ROLES, 404),
        post=dict.fromkeys(ROLES, 404), data={},
    ),
    "logout": Access(kwargs={}, get={**dict.fromkeys(ROLES, 405), "anonymous": 302}),
}
SAMPLES = {}
