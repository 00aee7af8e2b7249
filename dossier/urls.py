from django.urls import path

from . import views

app_name = "dossier"

urlpatterns = [
    path("ic/<int:project_pk>/", views.documents, name="documents"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("documents/<int:pk>/version/", views.version_add, name="version_add"),
    path("documents/<int:pk>/supprimer/", views.document_delete, name="document_delete"),
    path("documents/<int:pk>/partage/", views.document_share, name="document_share"),
    path("versions/<int:pk>/fichier/", views.version_file, name="version_file"),
]
