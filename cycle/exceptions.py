from django.utils.translation import gettext_lazy as _

from workflows.machines import TransitionRefused  # one refusal for every machine

__all__ = ["TransitionConflict", "TransitionRefused"]


class TransitionConflict(Exception):
    """Someone else changed the IC's state since it was loaded."""

    message = _(
        "Cette ingénierie collective vient d'être modifiée par quelqu'un d'autre : "
        "rechargez la page pour voir son état actuel."
    )

    def __init__(self):
        super().__init__(str(self.message))
