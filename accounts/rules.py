"""Role predicates (django-rules), the one home of "who is an admin" for every app."""

import rules


@rules.predicate
def is_admin(user) -> bool:
    """An active admin (role admin or superuser); ``User.is_admin_role`` is the role alone."""
    return bool(user.is_authenticated and user.is_active and user.is_admin_role)
