"""What higher apps hear of the machines (notifications): a public, documented hook."""

from django.dispatch import Signal

# Sent by ``machines.fire`` inside its transaction, once the transition is saved and logged:
# ``sender`` the model's class, ``instance`` the subject, ``log`` its TransitionLog. A
# receiver's writes commit or roll back with the transition; its e-mails wait for the commit.
transition_fired = Signal()
