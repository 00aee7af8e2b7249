"""Demo: a few unread notifications for claire, paul and intervenant, so the bell shows a
count at once. Idempotent: each one has a fixed key (notify writes it once)."""

from django.urls import reverse

from accounts.models import Role, User
from cycle.models import Project
from cycle.rules import assigned_q, piloted_q
from notifications.services import notify


def _first_ic(user):
    query = assigned_q(user) if user.role == Role.INTERVENANT else piloted_q(user)
    return Project.objects.filter(query).order_by("pk").first()


NOTICES = {
    "claire": [
        ("grille_submitted", "Grille d'enquête remise : {title}",
         "Le prestataire a remis la grille : relisez-la, puis validez-la ou renvoyez-la."),
        ("ic_transition", "« {title} » : l'IC change d'étape",
         "Par un·e collègue de votre DLA (démonstration)."),
    ],
    "paul": [
        ("offer_received", "Offre reçue : {title}",
         "Une offre vient d'être déposée ; elle reste scellée jusqu'à la date limite."),
    ],
    "intervenant": [
        ("grille_returned", "Grille d'enquête renvoyée : {title}",
         "Le chargé de mission vous renvoie la grille avec ses commentaires : précisez la "
         "phase 2."),
    ],
}


def load() -> int:
    written = 0
    for user in User.objects.filter(username__in=NOTICES).select_related("organisation"):
        project = _first_ic(user)
        if project is None:
            continue
        url = reverse("cycle:project_detail", kwargs={"pk": project.pk})
        for n, (kind, title, body) in enumerate(NOTICES[user.username]):
            written += len(notify(
                kind=kind, recipients=[user], title=title.format(title=project.title),
                body=body, url=url, key=f"demo:{user.username}:{n}",
            ))
    return written
