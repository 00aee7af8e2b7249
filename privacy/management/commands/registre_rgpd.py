from django.core.management.base import BaseCommand

from privacy import docs


class Command(BaseCommand):
    help = "Régénère docs/registre-rgpd.md depuis le registre des traitements (privacy)."

    def handle(self, *args, **options):
        docs.DOC_PATH.write_text(docs.markdown() + "\n", encoding="utf-8")
        self.stdout.write(f"{docs.DOC_PATH} écrit.")
