"""The register page, the subject-access export and an IC's retention. Thin."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from . import docs, export, retention, selectors
from .forms import SubjectForm
from .models import AnonymisationLog


class RegisterView(PermissionRequiredMixin, TemplateView):
    permission_required = "privacy.view_register"
    template_name = "privacy/register.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            rows=docs.rows(), headings=docs.HEADINGS,
            logs=AnonymisationLog.objects.all()[:20], **kwargs
        )


class SubjectExportView(PermissionRequiredMixin, View):
    permission_required = "privacy.export_subject"
    template = "privacy/subject_export.html"

    def get(self, request):
        return render(request, self.template, {"form": SubjectForm()})

    def post(self, request):
        form = SubjectForm(request.POST)
        if not form.is_valid():
            return render(request, self.template, {"form": form})
        user, email = form.cleaned_data["user"], form.cleaned_data["email"]
        content = export.build_zip(user=user, email=email)
        who = f"compte-{user.pk}" if user else "courriel"
        stamp = timezone.localdate().isoformat()
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = (
            f'attachment; filename="donnees-personnelles-{who}-{stamp}.zip"'
        )
        return response


@login_required
def project_retention(request, pk):
    project = selectors.visible_project(request.user, pk)
    return render(request, "privacy/project_retention.html", {
        "project": project, "end": retention.project_end(project),
        "rule": retention.IC.text(), "title": _("Conservation des données"),
    })
