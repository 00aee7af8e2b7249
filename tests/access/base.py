"""The shape of an access table entry and the sample objects every table can use."""

from dataclasses import dataclass, field

ROLES = (
    "anonymous",
    "charge_mission",
    "other_charge_mission",
    "c2ra",
    "intervenant",
    "other_intervenant",
    "structure",
    "other_structure",
    "admin",
)


@dataclass(frozen=True)
class Access:
    """Expected status codes for one URL name, per role.

    ``kwargs`` maps each URL argument to the name of a sample object (its pk is
    used) or to ``"literal:<value>"``. ``post`` lists statuses for a POST with
    ``data``; GET statuses are required for every role.
    """

    kwargs: dict[str, str]
    get: dict[str, int]
    post: dict[str, int] | None = None
    data: dict = field(default_factory=dict)
