from django.urls import path

from .views import candidate, manage

app_name = "tenders"

urlpatterns = [
    path("", candidate.call_list, name="call_list"),
    path("cabinet/", candidate.firm_contacts, name="firm_contacts"),
    path("<int:call_pk>/", candidate.invitation_detail, name="invitation_detail"),
    path("<int:call_pk>/reponse/", candidate.intent, name="intent"),
    path("<int:call_pk>/cahier-des-charges/", candidate.specification_pdf,
         name="specification_pdf"),
    path("<int:call_pk>/cahier-des-charges/v<int:number>/", candidate.specification_pdf,
         name="specification_version_pdf"),
    path("<int:call_pk>/offre/", candidate.offer_edit, name="offer_edit"),
    path("offres/versions/<int:version_pk>/pdf/", candidate.offer_file, name="offer_file"),
    path("projets/<int:project_pk>/", manage.call_manage, name="call_manage"),
    path("projets/<int:project_pk>/lancer/", manage.call_open, name="call_open"),
    path("projets/<int:project_pk>/ouvrir-les-offres/", manage.offers_open, name="offers_open"),
    path("projets/<int:project_pk>/prolonger/", manage.call_extend, name="call_extend"),
    path("projets/<int:project_pk>/annuler/", manage.call_cancel, name="call_cancel"),
    path("projets/<int:project_pk>/evaluateurs/", manage.scorer_add, name="scorer_add"),
    path("projets/<int:project_pk>/choix/", manage.selection_sign, name="selection_sign"),
    path("projets/<int:project_pk>/proces-verbal/", manage.report_pdf, name="report_pdf"),
    path("offres/<int:offer_pk>/noter/", manage.sheet_edit, name="sheet_edit"),
    path("lettres/<int:invitation_pk>/", manage.letter_pdf, name="letter_pdf"),
]
