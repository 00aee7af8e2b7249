"""« Activité »: every signed-in person reads the feed of the ICs they may see (an empty one
if none); what each line shows is tested in tests/activity."""

from .base import ROLES, Access

SIGNED_IN = {**dict.fromkeys(ROLES, 200), "anonymous": 302}

ACCESS = {"cycle:activity": Access(kwargs={}, get=SIGNED_IN)}
SAMPLES = {}
