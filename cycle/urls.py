from django.urls import path

from .views import (
    activity,
    checklist_due,
    dashboard,
    project_phases,
    project_targets,
    projects,
    structure_space,
)

app_name = "cycle"

urlpatterns = [
    # --- dashboard, filters, exports (cycle/views/dashboard.py)
    path("", dashboard.DashboardView.as_view(), name="home"),
    path("export.csv", dashboard.ExportCSVView.as_view(), name="export_csv"),
    path("export.xlsx", dashboard.ExportXLSXView.as_view(), name="export_xlsx"),
    path(
        "tableau-de-bord/options/<str:name>/", dashboard.filter_options, name="filter_options"
    ),
    # --- end dashboard
    # --- the activity feed of every IC the user may see (cycle/views/activity.py)
    path("activite/", activity.activity, name="activity"),
    # --- one IC: page, cycle, actors (cycle/views/projects.py)
    path("projets/nouveau/", projects.project_create, name="project_create"),
    path("projets/<int:pk>/", projects.project_detail, name="project_detail"),
    path("projets/<int:pk>/guidage/", projects.project_guidance, name="project_guidance"),
    path("projets/<int:pk>/modifier/", projects.project_update, name="project_update"),
    path("projets/<int:pk>/transition/", projects.project_transition, name="project_transition"),
    path("projets/<int:pk>/liste/", projects.project_checklist, name="project_checklist"),
    path(
        "projets/<int:pk>/liste/<int:item_pk>/", projects.checklist_tick, name="checklist_tick"
    ),
    path(
        "projets/<int:pk>/liste/<int:item_pk>/echeance/", checklist_due.checklist_due,
        name="checklist_due",
    ),
    path("projets/<int:pk>/partenaires/", projects.project_partners, name="project_partners"),
    path("projets/<int:pk>/structures/", projects.project_structures, name="project_structures"),
    path(
        "projets/<int:pk>/prestataires/", projects.project_prestataires,
        name="project_prestataires",
    ),
    path("projets/<int:pk>/comites/", projects.project_committees, name="project_committees"),
    path(
        "projets/<int:pk>/capitalisation/", projects.project_capitalisation,
        name="project_capitalisation",
    ),
    # --- the structures invited in (cycle/views/structure_space.py)
    path(
        "projets/<int:pk>/espace-structure/", structure_space.structure_space,
        name="structure_space",
    ),
    path(
        "projets/<int:pk>/structures/<int:participation_pk>/contacts/",
        structure_space.structure_contacts, name="structure_contacts",
    ),
    path(
        "projets/<int:pk>/structures/<int:participation_pk>/contacts/<int:contact_pk>/retirer/",
        structure_space.structure_contact_withdraw, name="structure_contact_withdraw",
    ),
    # --- end projects
    # --- the projet d'intervention's phases (cycle/views/project_phases.py)
    path(
        "projets/<int:pk>/phases/", project_phases.project_phases, name="project_phases"
    ),
    path(
        "projets/<int:pk>/echeances/", project_targets.project_targets,
        name="project_targets",
    ),
]
