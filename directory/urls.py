from django.urls import path

from . import team_views, views

app_name = "directory"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("partenaires/", views.PartnerListView.as_view(), name="partner_list"),
    path("partenaires/nouveau/", views.PartnerCreateView.as_view(), name="partner_create"),
    path("partenaires/<int:pk>/", views.PartnerDetailView.as_view(), name="partner_detail"),
    path(
        "partenaires/<int:pk>/modifier/", views.PartnerUpdateView.as_view(), name="partner_update"
    ),
    path("structures/", views.StructureListView.as_view(), name="structure_list"),
    path("structures/nouvelle/", views.StructureCreateView.as_view(), name="structure_create"),
    path("structures/<int:pk>/", views.StructureDetailView.as_view(), name="structure_detail"),
    path(
        "structures/<int:pk>/modifier/",
        views.StructureUpdateView.as_view(),
        name="structure_update",
    ),
    path("prestataires/", views.PrestataireListView.as_view(), name="prestataire_list"),
    path(
        "prestataires/nouveau/", views.PrestataireCreateView.as_view(), name="prestataire_create"
    ),
    path(
        "prestataires/<int:pk>/", views.PrestataireDetailView.as_view(), name="prestataire_detail"
    ),
    path(
        "prestataires/<int:pk>/modifier/",
        views.PrestataireUpdateView.as_view(),
        name="prestataire_update",
    ),
    path(
        "prestataires/<int:pk>/intervenants/nouveau/", team_views.intervenant_create,
        name="intervenant_create",
    ),
    path("equipe/", team_views.team_home, name="team"),
    path(
        "equipe/dla/<int:pk>/", team_views.OrganisationTeamView.as_view(),
        name="team_organisation",
    ),
    path("equipe/cabinet/<int:pk>/", team_views.FirmTeamView.as_view(), name="team_firm"),
    path(
        "equipe/invitations/<int:pk>/renvoyer/", team_views.resend_invitation,
        name="team_resend",
    ),
    path(
        "equipe/invitations/<int:pk>/annuler/", team_views.revoke_invitation,
        name="team_revoke",
    ),
    path("dla/", team_views.organisation_list, name="team_dlas"),
    path("dla/nouveau/", team_views.dla_create, name="team_dla_create"),
]
