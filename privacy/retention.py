"""The retention rules, the one home of « how long is it kept » (settings give the figures).

An IC's data is kept ``PRIVACY_RETENTION_YEARS`` years from 31 December of the year
``PRIVACY_RETENTION_REFERENCE_OFFSET`` years after its end (closing or abandonment): the
year its accounts are presented. The FSE's rule and the ordinary one are the same today
(3 years from 31/12 of N+1), so one rule serves both, FSE-funded or not.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cycle.models import Project
from cycle.states import State

ENDED = (State.CLOSED, State.ABANDONED)


def years() -> int:
    return settings.PRIVACY_RETENTION_YEARS


def reference_offset() -> int:
    return settings.PRIVACY_RETENTION_REFERENCE_OFFSET


def end_for(ended_on: date | None) -> date | None:
    """The last day an IC ended on ``ended_on`` is kept (None while it runs)."""
    if ended_on is None:
        return None
    return date(ended_on.year + reference_offset() + years(), 12, 31)


def with_ended_at(projects):
    """Annotate ``ended_at``: when the IC last entered its closing or abandonment."""
    return projects.annotate(
        ended_at=Max(
            "transition_logs__at",
            filter=Q(transition_logs__target__in=ENDED),
        )
    )


def project_end(project) -> date | None:
    """The retention end of one IC (one query, none while it runs)."""
    if project.state not in ENDED:
        return None
    ended_at = with_ended_at(Project.objects.filter(pk=project.pk)).values_list(
        "ended_at", flat=True
    ).first()
    return end_for(timezone.localdate(ended_at) if ended_at else None)


def ended_projects():
    """The ended ICs, each with its ``ended_at`` (those ended before the log: none)."""
    return with_ended_at(Project.objects.filter(state__in=ENDED)).filter(ended_at__isnull=False)


def expired(projects, *, today: date) -> list:
    """Of ``ended_projects()``, those whose retention ended before ``today``."""
    return [p for p in projects if end_for(timezone.localdate(p.ended_at)) < today]


def expiring(projects, *, today: date) -> list:
    """Those whose retention ends within the warning period (not yet expired)."""
    horizon = today + timedelta(days=settings.PRIVACY_WARNING_DAYS)
    return [
        p for p in projects if today <= end_for(timezone.localdate(p.ended_at)) <= horizon
    ]


def inactive_since() -> date:
    """An account not used since this day is disabled."""
    today = timezone.localdate()
    months = settings.PRIVACY_INACTIVE_MONTHS
    year, month = divmod(today.month - 1 - months, 12)
    return date(today.year + year, month + 1, min(today.day, 28))


@dataclass(frozen=True)
class Rule:
    code: str
    label: str

    def text(self) -> str:
        return str(self.label) % {
            "years": years(), "offset": reference_offset(),
            "months": settings.PRIVACY_INACTIVE_MONTHS,
        }


IC = Rule("ic", _("%(years)s ans à compter du 31 décembre de l'année N+%(offset)s, N étant "
                  "l'année de clôture (ou d'abandon) de l'IC, financement FSE ou non ; "
                  "puis anonymisation (les chiffres restent)."))
ACCOUNT = Rule("account", _("Tant que le compte sert ; désactivé après %(months)s mois sans "
                            "connexion."))
CONTACT = Rule("contact", _("Tant que la structure participe à une IC conservée ; après son "
                            "retrait et la fin de conservation de ses IC, nom et e-mail "
                            "anonymisés."))
INTERVENANT = Rule("intervenant", _("Tant qu'une IC de son cabinet est conservée ou qu'il "
                                    "se connecte ; ensuite nom et e-mail anonymisés."))
NOTIFICATION = Rule("notification", _("Avec l'IC dont elle parle ; le destinataire peut la "
                                      "lire et la marquer lue."))
CONSENT = Rule("consent", _("Avec l'IC ; un retrait vaut pour les monographies émises "
                            "ensuite, celles déjà émises restent telles qu'émises."))
RULES = {rule.code: rule for rule in (IC, ACCOUNT, CONTACT, INTERVENANT, NOTIFICATION, CONSENT)}
