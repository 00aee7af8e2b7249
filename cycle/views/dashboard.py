from django.views.generic import ListView

from ..selectors import visible_projects


class HomeView(ListView):
    """Placeholder home: the ICs this user may see (the dashboard replaces it)."""

    template_name = "cycle/home.html"
    context_object_name = "projects"
    paginate_by = 50

    def get_queryset(self):
        return visible_projects(self.request.user).order_by("title")
