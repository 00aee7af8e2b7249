"""A successful sign-in forgives the failures on its own account from its own address only.

django-axes' AXES_RESET_ON_SUCCESS would also forget the address's failures at other
accounts (one address could then guess at will between two sign-ins into its own).
"""

from axes.models import AccessAttempt
from django.contrib.auth.signals import user_logged_in
from django.dispatch import Signal, receiver

from .security import client_ip


@receiver(user_logged_in, dispatch_uid="accounts.forgive_own_failures")
def forgive_own_failures(sender, request, user, **kwargs):
    if request is None:
        return
    AccessAttempt.objects.filter(
        username=user.get_username(), ip_address=client_ip(request)
    ).delete()


# Sent inside the acceptance's transaction, with ``invitation`` and the new ``user``: the
# apps above accounts add what joining their kind of team means (directory: the firm's
# Intervenant record).
invitation_accepted = Signal()
