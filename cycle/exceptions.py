from django.utils.translation import gettext_lazy as _


class TransitionRefused(Exception):
    """A transition the cycle does not allow now; ``missing`` lists why, in French."""

    def __init__(self, missing):
        self.missing = [str(message) for message in missing]
        super().__init__(" ".join(self.missing))


class TransitionConflict(Exception):
    """Someone else changed the IC's state since it was loaded."""

    message = _(
        "Cette ingénierie collective vient d'être modifiée par quelqu'un d'autre : "
        "rechargez la page pour voir son état actuel."
    )

    def __init__(self):
        super().__init__(str(self.message))
