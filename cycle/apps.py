from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cycle"
    verbose_name = _("Cycle des ingénieries collectives")

    def ready(self):
        self._tell_the_directory()
        self._notify()
        self._tell_the_agenda()
        self._tell_the_accounts()
        self._feed()
        self._summarise()

    @staticmethod
    def _summarise():
        """Each IC's summary row follows every write to its inputs (cycle/summaries.py)."""
        from . import summaries

        summaries.connect()

    @staticmethod
    def _feed():
        """The activity feed's first kinds: the IC's cycle, its checklist, its edits."""
        from .selectors.feed import register_sources

        register_sources()

    @staticmethod
    def _tell_the_accounts():
        """Who may invite a structure's contacts: a pilot of an IC it is committed to."""
        from accounts.rules import register_structure_inviter

        from .selectors.structure_space import pilots_structure

        register_structure_inviter(pilots_structure)

    @staticmethod
    def _notify():
        """Declare the IC's notification kinds; a fired transition of an IC is told."""
        from notifications import kinds
        from workflows.signals import transition_fired

        from . import notices
        from .models import Project

        for kind in notices.KINDS:
            kinds.register(kind)
        transition_fired.connect(
            notices.tell_transition, sender=Project, dispatch_uid="cycle.notices.transition"
        )

    @staticmethod
    def _tell_the_agenda():
        """The agenda, below the IC, lists its dated steps as tasks."""
        from agenda.registry import register_source

        from . import due_dates

        register_source(due_dates.checklist_tasks, counts=due_dates.checklist_counts)
        register_source(due_dates.meeting_tasks)
        register_source(due_dates.target_tasks, counts=due_dates.target_counts)

    @staticmethod
    def _tell_the_directory():
        """The directory, below the IC, lists each entry's ICs through its hooks."""
        from directory import hooks
        from directory.models import BeneficiaryStructure, Partner, Prestataire

        from . import selectors
        from .models import ProjectPartner, ProjectPrestataire, ProjectStructure

        for model, through, field, listing in (
            (Partner, ProjectPartner, "partner", selectors.partner_partnerships),
            (BeneficiaryStructure, ProjectStructure, "structure",
             selectors.structure_participations),
            (Prestataire, ProjectPrestataire, "prestataire", selectors.prestataire_assignments),
        ):
            hooks.register(
                model,
                count=lambda user, through=through, field=field: selectors.visible_ic_count(
                    user, through, field
                ),
                listing=listing,
            )
