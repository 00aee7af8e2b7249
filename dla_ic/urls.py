from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

admin.site.site_header = _("Ingénieries collectives DLA – administration")
admin.site.site_title = _("IC DLA")

handler500 = "dla_ic.views.server_error"

urlpatterns = [
    path("favicon.ico", views.favicon, name="favicon"),
    path("sante/", views.health, name="health"),
    path("sante/nu/", views.health_bare, name="health_bare"),
    path("admin/", admin.site.urls),
    path("comptes/", include("accounts.urls")),
    path("annuaire/", include("directory.urls")),
    path("imports/", include("imports.urls")),
    path("grilles/", include("grille.urls")),
    path("dossiers/", include("dossier.urls")),
    path("seances/", include("meetings.urls")),
    path("documents/", include("monographs.urls")),
    path("appels-d-offres/", include("tenders.urls")),
    path("notifications/", include("notifications.urls")),
    path("", include("agenda.urls")),
    path("statistiques/", include("stats.urls")),
    path("rgpd/", include("privacy.urls")),
    path("bibliotheque/", include("library.urls")),
    path("dossiers-d-audit/", include("audit.urls")),
    path("", include("exchange.urls")),
    path("", include("followup.urls")),
    path("", include("cycle.urls")),
]
