from django.urls import path

from . import views

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
]
