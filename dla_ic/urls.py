from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Ingénieries collectives DLA – administration")
admin.site.site_title = _("IC DLA")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("comptes/", include("django.contrib.auth.urls")),
    path("annuaire/", include("directory.urls")),
    path("grilles/", include("grille.urls")),
    path("documents/", include("monographs.urls")),
    path("", include("cycle.urls")),
]
