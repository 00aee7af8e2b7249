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
        "projets/<int:project_pk>/cahier-des-charges/emettre/",
        views.specification_issue, name="specification_issue",
    ),
]
