"""The dossier (a lower app) lists the cahier des charges' issued versions and the
monograph once its grille is validated, each linked to this app's checked download view."""

from django.urls import reverse
from django.utils.translation import gettext as _

from cycle.audiences import Visibility
from dossier.registry import Generated
from grille.models import Grille, GrilleStatus

from .models import IssuedSpecification


def generated_documents(project, user, readable):
    """Whoever reads the IC (monographs' ``visible_projects``) reads what the prestataire
    does: the structures' contacts read none of these. Two queries."""
    if Visibility.PRESTATAIRE not in readable:
        return []
    issued = (
        IssuedSpecification.objects.filter(specification__project=project)
        .only("number", "issued_at")
        .order_by("number")
    )
    items = [
        Generated(
            title=str(version),
            made_at=version.issued_at,
            kind="cahier_des_charges",
            url=reverse(
                "monographs:specification_version_pdf",
                kwargs={"project_pk": project.pk, "number": version.number},
            ),
        )
        for version in issued
    ]
    grille = Grille.objects.filter(project=project, status=GrilleStatus.VALIDATED).first()
    if grille is not None:
        items.append(
            Generated(
                title=_("Monographie"),
                made_at=None,
                kind="monographie",
                url=reverse("monographs:monograph_pdf", kwargs={"project_pk": project.pk}),
            )
        )
    return items
