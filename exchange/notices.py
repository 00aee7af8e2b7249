"""What the exchanges tell: a mention of a person, a new message in a thread they follow.

Who hears is who may see the message (``cycle.audiences.levels_for``), nobody else; each event is
told once (its key).
"""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from cycle.audiences import levels_for
from notifications.kinds import Channel, Kind
from notifications.services import notify

from .models import Message, ThreadRead

CM, C2RA, INTERVENANT, STRUCTURE, ADMIN = (
    Role.CHARGE_MISSION,
    Role.C2RA,
    Role.INTERVENANT,
    Role.STRUCTURE,
    Role.ADMIN,
)
IMMEDIATE, DIGEST, OFF = Channel.IMMEDIATE, Channel.DIGEST, Channel.OFF

MESSAGE_MENTION = Kind(
    "message_mention",
    _("On vous mentionne dans un message"),
    _("Quelqu'un écrit « @votre identifiant » dans un message d'une IC."),
    {CM: IMMEDIATE, C2RA: IMMEDIATE, INTERVENANT: IMMEDIATE, STRUCTURE: IMMEDIATE, ADMIN: DIGEST},
)
MESSAGE_POSTED = Kind(
    "message_posted",
    _("Nouveau message dans une discussion que vous suivez"),
    _("Un message est écrit dans une discussion d'une IC où vous avez écrit ou que vous avez lue."),
    {CM: DIGEST, C2RA: DIGEST, INTERVENANT: IMMEDIATE, STRUCTURE: IMMEDIATE, ADMIN: OFF},
)
KINDS = (MESSAGE_MENTION, MESSAGE_POSTED)

# « @identifiant »: Django's username characters, not preceded by a word (an e-mail address).
MENTION = re.compile(r"(?<![\w@.])@([\w.@+-]*[\w+-])")


def mentioned_usernames(body: str) -> set[str]:
    return set(MENTION.findall(body))


def _people(ids):
    return (
        get_user_model()
        .objects.filter(pk__in=ids, is_active=True)
        .select_related("organisation", "structure_contact", "intervenant")
    )


def _who_may_see(users, message):
    project = message.thread.project
    return [u for u in users if message.visibility in levels_for(u, project)]


def tell(message) -> None:
    """Notify the people ``message`` mentions, then the thread's followers (once each)."""
    thread = message.thread
    url = reverse("exchange:thread", args=[thread.project_id, thread.pk])
    author = message.author
    names = mentioned_usernames(message.body)
    mentioned = _who_may_see(
        [
            u
            for u in _people(get_user_model().objects.filter(username__in=names).values("pk"))
            if u.pk != author.pk
        ],
        message,
    )
    notify(
        kind=MESSAGE_MENTION,
        recipients=mentioned,
        url=url,
        key=f"exchange:mention:{message.pk}",
        title=_("%(name)s vous mentionne : %(subject)s")
        % {"name": author.get_full_name() or author.username, "subject": thread.subject},
        body=message.body[:500],
    )
    followers = set(
        ThreadRead.objects.filter(thread=thread).values_list("user_id", flat=True)
    ) | set(Message.objects.filter(thread=thread).values_list("author_id", flat=True))
    followers -= {author.pk, *(u.pk for u in mentioned), None}
    notify(
        kind=MESSAGE_POSTED,
        recipients=_who_may_see(_people(followers), message),
        url=url,
        key=f"exchange:posted:{message.pk}",
        title=_("Nouveau message : %(subject)s") % {"subject": thread.subject},
        body=message.body[:500],
    )
