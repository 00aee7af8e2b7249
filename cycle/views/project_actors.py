"""The actors of an IC, edited in place from the project page (htmx partial swaps).

Each section has one URL: GET answers the section's partial (readers too), POST
runs one ``action`` through cycle.services and answers the partial again, with
the form's errors and everything typed kept when it is refused.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from directory.forms import PartnerForm, PrestataireForm
from directory.models import Intervenant
from dla_ic.inputs import safe_id

from .. import services
from ..choices import Offers
from ..forms import (
    AssignmentForm,
    BulkParticipationForm,
    CapitalisationItemForm,
    CommitteeForm,
    CommitteeMemberForm,
    MeetingForm,
    OpinionForm,
    ParticipationForm,
    ParticipationStatusForm,
    PartnerRolesForm,
    PartnershipForm,
)
from ..vocabulary import CommitteeKind
from . import structure_batch
from .actor_forms import (
    ALL_FORMS,
    NEW_PARTNER,
    NEW_PRESTATAIRE,
    SECTION_FORMS,
    SECTION_TABS,
    new_structure_form,
)
from .project_page import editable_project, ic_changed, page_context, visible_project


def _attempt(form, operation):
    """Run ``operation`` (a service call) and put a refusal on ``form``. True if done."""
    try:
        operation()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


def _answer(request, project, section, anchor, **forms):
    refused = forms.get("status_forms") or forms.get("intervenant_forms") or (
        forms.get("new_structures") is not None
    ) or (
        forms.get("bulk") or {}
    ).get("errors") or any(
        getattr(form, "errors", None) for form in forms.values()
    )
    tab = SECTION_TABS[section]
    if request.method == "POST" and not request.htmx and not refused:
        url = reverse("cycle:project_detail", args=[project.pk])
        return redirect(f"{url}?onglet={tab}#{anchor}")
    if request.method == "POST":  # reload what the section shows, with its changed rows
        project = visible_project(request, project.pk, tab=tab)
    if request.htmx:  # the section alone, with all its forms
        template, every = f"cycle/includes/project_{section}.html", SECTION_FORMS[section]
    else:  # the page, with the section's tab open
        template, every = "cycle/project_detail.html", ALL_FORMS
    context = page_context(
        request, project, tab=tab, every_form=every,
        **{k: v for k, v in forms.items() if v is not None},
    )
    response = render(request, template, context)
    # A save in place: the guidance (what is still missing) follows without a reload.
    return ic_changed(response) if request.method == "POST" and not refused else response


def _submit(forms, key, form, operation) -> bool:
    """Validate ``form`` and run ``operation(cleaned_data)``; a done form is cleared."""
    forms[key] = form
    done = form.is_valid() and _attempt(form, lambda: operation(dict(form.cleaned_data)))
    if done:
        forms[key] = None
    return done


def _version(value):
    """A posted version (None if absent: the row as loaded is then the reference)."""
    return safe_id(value)


def _row(queryset, request, field="row"):
    return get_object_or_404(queryset, pk=safe_id(request.POST.get(field)) or 0)


def _project_for(request, pk, section):
    if request.method == "POST":
        return editable_project(request, pk)
    return visible_project(request, pk, tab=SECTION_TABS[section])


@require_http_methods(["GET", "POST"])
def project_partners(request, pk):
    project = _project_for(request, pk, "partners")
    forms = {}
    action = request.POST.get("action")
    if action == "link":
        _submit(forms, "partnership_form",
                PartnershipForm(
                    request.POST, prefix="partenariat", offers=Offers(project)
                ),
                lambda data: services.link_partner_roles(
                    project, partner=data["partner"], roles=data["role"],
                    contribution=data["contribution"],
                ))
    elif action == "create":
        form = forms["new_partner_form"] = PartnerForm(request.POST, prefix=NEW_PARTNER)
        # Its roles, in the same <form>: refused with it (see _answer), shown in it.
        form.roles_form = forms["new_partner_roles"] = roles = PartnerRolesForm(
            request.POST, prefix=NEW_PARTNER
        )
        valid = roles.is_valid() & form.is_valid()  # both checked: every error at once
        if valid and _attempt(form, lambda: services.create_and_link_partner(
            project, fields=_entry(form.cleaned_data), roles=roles.cleaned_data["role"],
            contribution=roles.cleaned_data["contribution"],
        )):
            forms["new_partner_form"] = None
    elif action == "unlink":
        services.unlink_partner(_row(project.partnerships.all(), request))
    return _answer(request, project, "partners", "partenaires", **forms)


def _entry(data) -> dict:
    """A directory form's data for directory.services (the near-duplicate check is done)."""
    return {name: value for name, value in data.items() if name not in {"confirm", "version"}}


@require_http_methods(["GET", "POST"])
def project_structures(request, pk):
    project = _project_for(request, pk, "structures")
    forms = {}
    action = request.POST.get("action")
    if action == "add":
        _submit(forms, "participation_form",
                ParticipationForm(
                    request.POST, prefix="participation", offers=Offers(project)
                ),
                lambda data: services.add_participation(project, **data))
    elif action == "create":
        _submit(forms, "new_structure_form",
                new_structure_form(project, request.POST),
                lambda data: services.create_and_add_structure(project, fields=_entry(data)))
    elif action == "create_many":
        forms["new_structures"] = structure_batch.create_structures(project, request.POST)
    elif action == "move":
        participation = _row(project.participations.all(), request)
        form = ParticipationStatusForm(request.POST, prefix=f"p{participation.pk}")
        if not (form.is_valid() and _attempt(form, lambda: services.move_participation(
            participation, status=form.cleaned_data["status"], by=request.user,
            reason=form.cleaned_data["reason"], version=form.cleaned_data["version"],
        ))):
            forms["status_forms"] = {participation.pk: {
                "status": form.data.get(form.add_prefix("status"), ""),
                "reason": form.data.get(form.add_prefix("reason"), ""),
                "errors": [error for errors in form.errors.values() for error in errors],
            }}
    elif action == "bulk":
        forms["bulk"] = _move_checked(request, project)
    elif action in CONSENT_CHANGES:
        participation = _row(project.participations.all(), request)
        try:
            CONSENT_CHANGES[action](
                participation, by=request.user, version=_version(request.POST.get("version"))
            )
        except ValidationError as refused:
            forms["status_forms"] = {participation.pk: {
                "status": "", "reason": "", "errors": refused.messages,
            }}
    elif action == "remove":
        participation = _row(project.participations.all(), request)
        try:
            services.remove_participation(participation)
        except ValidationError as refused:  # it has a history: withdrawn, never removed
            forms["status_forms"] = {participation.pk: {
                "status": "", "reason": "", "errors": refused.messages,
            }}
    return _answer(request, project, "structures", "structures", **forms)


CONSENT_CHANGES = {"consent": services.record_consent, "unconsent": services.withdraw_consent}
BULK = "lot"


def _move_checked(request, project) -> dict:
    """The bulk action (all or none, see services.move_participations): what the table
    shows beside it, the user's choice kept when refused."""
    form = BulkParticipationForm(request.POST, prefix=BULK, project=project)
    state = {
        "rows": {safe_id(value) for value in request.POST.getlist(f"{BULK}-rows")},
        "status": request.POST.get(f"{BULK}-status", ""),
        "reason": request.POST.get(f"{BULK}-reason", ""),
    }
    if form.is_valid():
        data = form.cleaned_data
        versions = {
            row.pk: _version(request.POST.get(f"{BULK}-version-{row.pk}")) for row in data["rows"]
        }
        if _attempt(form, lambda: services.move_participations(
            data["rows"], status=data["status"], by=request.user, reason=data["reason"],
            versions=versions,
        )):
            label = dict(services.participation_targets())[data["status"]]
            return {"done": ngettext(
                "%(count)d structure est maintenant « %(status)s ».",
                "%(count)d structures sont maintenant « %(status)s ».", len(data["rows"]),
            ) % {"count": len(data["rows"]), "status": label}}
        state["blocked"] = True  # refused by the machine: none of them moved
    return {**state, "errors": [e for errors in form.errors.values() for e in errors]}


@require_http_methods(["GET", "POST"])
def project_prestataires(request, pk):
    project = _project_for(request, pk, "prestataires")
    forms = {}
    action = request.POST.get("action")
    if action == "assign":
        _submit(forms, "assignment_form",
                AssignmentForm(
                    request.POST, prefix="prestataire", offers=Offers(project)
                ),
                lambda data: services.assign_prestataire(project, **data))
    elif action == "create":
        _submit(forms, "new_prestataire_form",
                PrestataireForm(request.POST, prefix=NEW_PRESTATAIRE),
                lambda data: services.create_and_assign_prestataire(project, fields=_entry(data)))
    elif action == "intervenants":
        assignment = _row(project.assignments.all(), request)
        chosen = Intervenant.objects.filter(
            prestataire_id=assignment.prestataire_id,
            pk__in=[v for v in request.POST.getlist("intervenants") if v.isdigit()],
        )
        try:
            services.set_intervenants(
                assignment, chosen, version=_version(request.POST.get("version"))
            )
        except ValidationError as refused:  # kept on screen with what the other person chose
            forms["intervenant_forms"] = {assignment.pk: {
                "errors": refused.messages, "chosen": {i.pk for i in chosen},
            }}
    elif action == "unassign":
        services.unassign_prestataire(_row(project.assignments.all(), request))
    return _answer(request, project, "prestataires", "prestataires", **forms)


@require_http_methods(["GET", "POST"])
def project_committees(request, pk):
    project = _project_for(request, pk, "committees")
    forms = {}
    action = request.POST.get("action")
    if action == "add":
        _submit(forms, "committee_form", CommitteeForm(request.POST, prefix="comite"),
                lambda data: services.add_committee(project, **data))
    elif action == "opinion":
        committee = get_object_or_404(project.committees.all(), kind=CommitteeKind.APPUI)
        form = OpinionForm(request.POST, instance=committee, prefix="avis")
        try:
            _submit(forms, "opinion_form", form,
                    lambda data: services.record_opinion(committee, **data))
        except services.StaleEdit as conflict:
            fresh = type(committee).objects.get(pk=committee.pk)
            theirs = OpinionForm(instance=fresh, prefix="avis")
            form.resolve_conflict(theirs, fresh.version, str(conflict))
    elif action == "member":
        _submit(forms, "member_form",
                CommitteeMemberForm(
                    request.POST, prefix="membre", project=project, offers=Offers(project),
                ),
                lambda data: services.add_committee_member(data.pop("committee"), **data))
    elif action == "meeting":
        _submit(forms, "meeting_form",
                MeetingForm(request.POST, prefix="reunion", project=project),
                lambda data: services.add_meeting(data.pop("committee"), **data))
    return _answer(request, project, "committees", "comites", **forms)


@require_http_methods(["GET", "POST"])
def project_capitalisation(request, pk):
    project = _project_for(request, pk, "capitalisation")
    forms = {}
    action = request.POST.get("action")
    if action == "add":
        _submit(forms, "capitalisation_form",
                CapitalisationItemForm(request.POST, prefix="capitalisation"),
                lambda data: services.add_capitalisation_item(project, **data))
    elif action == "remove":
        services.remove_capitalisation_item(_row(project.capitalisation_items.all(), request))
    return _answer(request, project, "capitalisation", "capitalisation", **forms)
