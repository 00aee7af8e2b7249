"""The French warning to an IC's pilots before its data is anonymised (once per IC and date)."""

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from cycle.notices import pilots_audience, project_url
from notifications.kinds import Channel, Kind
from notifications.services import notify

RETENTION_ENDING = Kind(
    "retention_ending",
    _("Une IC va être anonymisée"),
    _("Les données personnelles d'une IC que vous pilotez arrivent en fin de conservation."),
    {Role.CHARGE_MISSION: Channel.IMMEDIATE, Role.C2RA: Channel.DIGEST, Role.ADMIN: Channel.OFF},
)


def warn_pilots(project, *, end) -> list[int]:
    when = formats.date_format(end, "j F Y")
    return notify(
        kind=RETENTION_ENDING,
        recipients=pilots_audience(project),
        title=_("« %(title)s » sera anonymisée après le %(end)s") % {
            "title": project.title, "end": when},
        body=_("Sa durée de conservation (RGPD) se termine le %(end)s. Les noms, e-mails, "
               "téléphones et textes libres seront alors remplacés ; les chiffres restent. "
               "Exportez d'ici là ce qui doit être archivé.") % {"end": when},
        url=project_url(project),
        key=f"retention-ending:{project.pk}:{end.isoformat()}",
    )
