from django.urls import path

from .views import dashboard, projects  # noqa: F401

app_name = "cycle"

urlpatterns = [
    # --- dashboard, filters, exports (cycle/views/dashboard.py)
    path("", dashboard.HomeView.as_view(), name="home"),
    # --- end dashboard
    # --- one IC: page, cycle, actors (cycle/views/projects.py)
    # --- end projects
]
