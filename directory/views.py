"""Directory pages: lists with search and filters, details with their ICs, create and edit.

Who may do what is decided in directory/rules.py; the ICs listed on a detail
page are only those the user may see, as the IC's app tells them (hooks.py).
"""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, RedirectView, UpdateView
from django_filters.views import FilterView

from dla_ic.concurrency import RecordModifiedError

from . import hooks, selectors
from .filters import BeneficiaryStructureFilter, PartnerFilter, PrestataireFilter
from .forms import BeneficiaryStructureForm, PartnerForm, PrestataireForm
from .models import BeneficiaryStructure, Partner, Prestataire
from .vocabulary import LegalForm, PartnerKind

VIEW, EDIT = "directory.view_directory", "directory.edit_directory"
URL_SENTINEL = 987654321  # stands for the pk in a detail URL reversed once per list


class DirectoryMixin(PermissionRequiredMixin):
    permission_required = VIEW
    raise_exception = True  # signed-in users without the right get 403
    section = ""  # "partners", "structures" or "prestataires": the tab shown as current

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = self.section
        context["can_edit"] = self.request.user.has_perm(EDIT)
        return context


class IndexView(DirectoryMixin, RedirectView):
    pattern_name = "directory:structure_list"


class DirectoryListView(DirectoryMixin, FilterView):
    paginate_by = 50
    context_object_name = "entries"
    selector = None
    heading = ""
    create_url_name = ""
    detail_url_name = ""
    labels = {}  # field -> its choices: the row shows ``<field>_label``

    def get_queryset(self):
        return type(self).selector(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            heading=self.heading,
            create_url_name=self.create_url_name,
            detail_url_name=self.detail_url_name,
            list_actions=hooks.list_actions(self.request.user),
        )
        self.decorate(context["entries"])
        return context

    def decorate(self, entries):
        """Each row's detail URL and choice labels, worked out once for the page: one
        ``reverse`` per list, one dict per field (``get_FOO_display`` rebuilds it per call)."""
        prefix, suffix = reverse(self.detail_url_name, args=[URL_SENTINEL]).split(
            str(URL_SENTINEL)
        )
        for entry in entries:
            entry.detail_url = f"{prefix}{entry.pk}{suffix}"
            for name, labels in self.labels.items():
                value = getattr(entry, name)
                setattr(entry, f"{name}_label", labels.get(value, value))


class PartnerListView(DirectoryListView):
    section = "partners"
    template_name = "directory/partner_list.html"
    filterset_class = PartnerFilter
    selector = selectors.partner_list
    heading = _("Partenaires")
    create_url_name = "directory:partner_create"
    detail_url_name = "directory:partner_detail"
    labels = {"kind": dict(PartnerKind.choices)}


class StructureListView(DirectoryListView):
    section = "structures"
    template_name = "directory/structure_list.html"
    filterset_class = BeneficiaryStructureFilter
    selector = selectors.structure_list
    heading = _("Structures bénéficiaires")
    create_url_name = "directory:structure_create"
    detail_url_name = "directory:structure_detail"
    labels = {"legal_form": dict(LegalForm.choices)}


class PrestataireListView(DirectoryListView):
    section = "prestataires"
    template_name = "directory/prestataire_list.html"
    filterset_class = PrestataireFilter
    selector = selectors.prestataire_list
    heading = _("Prestataires")
    create_url_name = "directory:prestataire_create"
    detail_url_name = "directory:prestataire_detail"


class EntryDetailView(DirectoryMixin, DetailView):
    """An entry and the ICs it took part in, among those the user may see."""

    selector = None  # pk -> queryset of the entry
    related_name = ""  # the context name of its visible rows in ICs

    def get_queryset(self):
        return type(self).selector(self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context[self.related_name] = hooks.entry_ics(self.request.user, self.object)
        return context


class PartnerDetailView(EntryDetailView):
    section = "partners"
    template_name = "directory/partner_detail.html"
    context_object_name = "partner"
    selector = selectors.partner_detail
    related_name = "partnerships"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["fse_label"] = Partner._meta.get_field("european_social_fund").verbose_name
        return context


class StructureDetailView(EntryDetailView):
    section = "structures"
    template_name = "directory/structure_detail.html"
    context_object_name = "structure"
    selector = selectors.structure_detail
    related_name = "participations"


class PrestataireDetailView(EntryDetailView):
    section = "prestataires"
    template_name = "directory/prestataire_detail.html"
    context_object_name = "prestataire"
    selector = selectors.prestataire_detail
    related_name = "assignments"


class EntryFormMixin(DirectoryMixin):
    permission_required = EDIT
    template_name = "directory/entry_form.html"
    created_message = _("« %(name)s » a été ajouté à l'annuaire.")
    updated_message = _("« %(name)s » a été modifié.")
    list_url_name = ""

    def form_valid(self, form):
        creating = form.instance.pk is None
        if not creating:
            form.instance.version = form.version or form.instance.version
        try:
            with transaction.atomic():  # a refusal rolls back this save only
                response = super().form_valid(form)
        except RecordModifiedError:  # someone saved the entry since this form was drawn
            fresh = type(form.instance).objects.get(pk=form.instance.pk)
            form.resolve_conflict(self.form_class(instance=fresh), fresh.version)
            return self.render_to_response(self.get_context_data(form=form), status=409)
        message = self.created_message if creating else self.updated_message
        messages.success(self.request, message % {"name": self.object.name})
        return response

    def get_success_url(self):
        return reverse(self.form_class.detail_url_name, args=[self.object.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["list_url_name"] = self.list_url_name
        context["heading"] = self.get_heading()
        return context

    def get_heading(self):
        raise NotImplementedError


class PartnerCreateView(EntryFormMixin, CreateView):
    section = "partners"
    form_class = PartnerForm
    list_url_name = "directory:partner_list"

    def get_heading(self):
        return _("Nouveau partenaire")


class PartnerUpdateView(EntryFormMixin, UpdateView):
    section = "partners"
    form_class = PartnerForm
    model = Partner
    list_url_name = "directory:partner_list"

    def get_heading(self):
        return _("Modifier « %(name)s »") % {"name": self.object.name}


class StructureCreateView(EntryFormMixin, CreateView):
    section = "structures"
    form_class = BeneficiaryStructureForm
    list_url_name = "directory:structure_list"
    created_message = _("La structure « %(name)s » a été ajoutée à l'annuaire.")
    updated_message = _("La structure « %(name)s » a été modifiée.")

    def get_heading(self):
        return _("Nouvelle structure bénéficiaire")


class StructureUpdateView(EntryFormMixin, UpdateView):
    section = "structures"
    form_class = BeneficiaryStructureForm
    model = BeneficiaryStructure
    list_url_name = "directory:structure_list"
    created_message = StructureCreateView.created_message
    updated_message = StructureCreateView.updated_message

    def get_heading(self):
        return _("Modifier « %(name)s »") % {"name": self.object.name}


class PrestataireCreateView(EntryFormMixin, CreateView):
    section = "prestataires"
    form_class = PrestataireForm
    list_url_name = "directory:prestataire_list"

    def get_heading(self):
        return _("Nouveau prestataire")


class PrestataireUpdateView(EntryFormMixin, UpdateView):
    section = "prestataires"
    form_class = PrestataireForm
    model = Prestataire
    list_url_name = "directory:prestataire_list"

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.is_admin_role:
            # The firm's address receives its invitations and results: only an admin or
            # the firm's own intervenants change it (both logged in its history).
            form.fields["email"].disabled = True
            form.fields["email"].help_text = _(
                "Modifiable par un administrateur ou par les intervenants du cabinet."
            )
        return form

    def get_heading(self):
        return _("Modifier « %(name)s »") % {"name": self.object.name}
