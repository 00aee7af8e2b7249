"""Stores version 1 of the cahiers des charges issued before versions were kept (issue 11).

Their PDF is rendered once, now, from their current content: run it once after the
migration, so that candidates from then on download a frozen, hashed version.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from monographs.models import Specification
from monographs.versions import freeze


class Command(BaseCommand):
    help = "Fige la version 1 des cahiers des charges émis sans version conservée."

    def handle(self, *args, **options):
        pending = Specification.objects.filter(
            project__specification_issued_on__isnull=False, issued_versions__isnull=True
        ).select_related("project__created_by", "updated_by")
        count = 0
        for specification in pending:
            author = specification.updated_by or specification.project.created_by
            with transaction.atomic():
                freeze(specification, by=author)
            count += 1
        self.stdout.write(f"{count} cahier(s) des charges figé(s).")
