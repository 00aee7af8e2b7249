"""Target dates of the sub-phases: proposed from the IC's calendar, set on its page.

Before the intervention, the nine sub-phases share evenly the time from the launch to the
intervention's start; the intervention ends its sub-phase; the evaluation and the
capitalisation follow it by the delays below (declared once here).
"""

from datetime import date, timedelta

from .states import PHASES, State

# After the intervention's end: (sub-phase, days).
AFTER_INTERVENTION = ((State.EVALUATION, 30), (State.CAPITALISATION, 60))
BEFORE_INTERVENTION = PHASES[: PHASES.index(State.MISE_EN_OEUVRE)]


def proposals(project) -> dict[str, date]:
    """{sub-phase: proposed date} of what the IC's calendar tells (nothing it does not)."""
    proposed = {}
    start, begins = project.launched_on, project.intervention_starts_on
    if start and begins and begins > start:
        days, count = (begins - start).days, len(BEFORE_INTERVENTION)
        for rank, phase in enumerate(BEFORE_INTERVENTION, start=1):
            proposed[phase] = start + timedelta(days=round(days * rank / count))
    if ends := project.intervention_ends_on:
        proposed[State.MISE_EN_OEUVRE] = ends
        for phase, days in AFTER_INTERVENTION:
            proposed[phase] = ends + timedelta(days=days)
    return {str(phase): on for phase, on in proposed.items()}
