from django.urls import path

from . import views

app_name = "monographs"

urlpatterns = [
    path(
        "projets/<int:project_pk>/cahier-des-charges/",
        views.specification_detail, name="specification_detail",
    ),
    path(
        "projets/<int:project_pk>/cahier-des-charges/modifier/",
        views.SpecificationEditView.as_view(), name="specification_edit",
    ),
    path(
        "projets/<int:project_pk>/cahier-des-charges/pdf/",
        views.specification_pdf, name="specification_pdf",
    ),
    path(
        "projets/<int:project_pk>/cahier-des-charges/versions/<int:number>/pdf/",
        views.specification_version_pdf, name="specification_version_pdf",
    ),
    path(
        "projets/<int:project_pk>/cahier-des-charges/emettre/",
        views.specification_issue, name="specification_issue",
    ),
]

urlpatterns += [
    path("projets/<int:project_pk>/monographie/", views.monograph_detail, name="monograph_detail"),
    path("projets/<int:project_pk>/monographie/pdf/", views.monograph_pdf, name="monograph_pdf"),
    path("carnets/", views.carnet_list, name="carnet_list"),
    path("carnets/nouveau/", views.carnet_create, name="carnet_create"),
    path("carnets/<int:pk>/", views.carnet_detail, name="carnet_detail"),
    path("carnets/<int:pk>/pdf/", views.carnet_download, name="carnet_download"),
    path("carnets/<int:pk>/relancer/", views.carnet_retry, name="carnet_retry"),
]
