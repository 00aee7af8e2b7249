"""Two structure representatives (issue 16), each a contact of a structure committed to one
of claire's and paul's ICs. Idempotent: an account and its contact are created once."""

from accounts.models import Role, User
from cycle.models import ProjectStructure
from cycle.vocabulary import ParticipationStatus
from directory.models import StructureContact

from .agenda import CLAIRE_IC, PAUL_IC

REPRESENTATIVES = (
    # username, first name, last name, structure, IC
    ("asso-moulin", "Lucie", "Verhaeghe", "Tiers-lieu Le Moulin de Bailleul", CLAIRE_IC),
    ("asso-panier", "Karim", "Benali", "Épicerie solidaire Le Panier Cambrésien", PAUL_IC),
)


def load(*, password: str) -> list[str]:
    for username, first_name, last_name, structure, title in REPRESENTATIVES:
        participation = ProjectStructure.objects.select_related("structure").get(
            project__title=title, structure__name=structure,
            status=ParticipationStatus.COMMITTED,
        )
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username, password=password, role=Role.STRUCTURE,
                first_name=first_name, last_name=last_name,
                email=f"{username}@structures.example",
            )
        StructureContact.objects.get_or_create(
            user=user, defaults={"structure": participation.structure}
        )
    return [username for username, *_rest in REPRESENTATIVES]
