from django.core.management.base import BaseCommand

from privacy import anonymise


class Command(BaseCommand):
    help = (
        "RGPD : anonymise les données dont la durée de conservation est passée (IC, contacts "
        "de structures, intervenants), prévient les pilotes des IC proches de la fin, "
        "désactive les comptes inactifs. Sans effet si relancée."
    )

    def handle(self, *args, **options):
        done = anonymise.run()
        self.stdout.write(
            "Valeurs anonymisées : {ics} (IC), {contacts} (contacts), {intervenants} "
            "(intervenants) ; comptes désactivés : {accounts} ; pilotes prévenus : "
            "{warned}.".format(**done)
        )
