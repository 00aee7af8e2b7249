"""The structures invited into an IC: their representative's « Espace structure » and home,
and, for the IC's pilots, each committed structure's contacts (invite, withdraw access)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import services as invitations
from accounts.models import Invitation, Role
from directory import services as directory
from directory.forms import InvitationForm
from directory.models import StructureContact

from .. import page_links, selectors
from ..models import ProjectStructure
from ..vocabulary import ParticipationStatus


def structure_home(request):
    """A representative's home: the ICs their structure is committed to."""
    projects = selectors.structure_projects(request.user)
    return render(request, "cycle/structure_home.html", {"projects": projects})


@require_GET
def structure_space(request, pk):
    """One IC as shared with the structures; 404 for anyone not its structure's contact."""
    if request.user.role != Role.STRUCTURE:
        raise PermissionDenied
    context = selectors.structure_space(request.user, pk)
    context["page_links"] = page_links.links_for(request.user, context["project"])
    return render(request, "cycle/structure_space.html", context)


def _managed_participation(request, pk, participation_pk) -> ProjectStructure:
    """A committed structure of an IC the user edits, whose contacts they may manage."""
    project = selectors.editable_project(request.user, pk)
    participation = get_object_or_404(
        ProjectStructure.objects.select_related("structure", "project"),
        pk=participation_pk, project=project, status=ParticipationStatus.COMMITTED,
    )
    if not directory.may_manage_contacts(request.user, participation.structure):
        raise PermissionDenied
    return participation


def structure_contacts(request, pk, participation_pk):
    """A committed structure's contacts on the IC's Acteurs tab: invite one by e-mail."""
    participation = _managed_participation(request, pk, participation_pk)
    form = InvitationForm(request.POST or None, roles=[Role.STRUCTURE])
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "role"}
        try:
            invitation, sent = directory.invite_structure_contact(
                by=request.user, structure=participation.structure,
                base_url=request.build_absolute_uri("/"), **fields,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, invitations.sent_notice(invitation, sent))
            return redirect(request.path)
    structure = participation.structure
    context = {
        "project": participation.project, "participation": participation, "form": form,
        "contacts": StructureContact.objects.filter(structure=structure)
        .select_related("user", "withdrawn_by"),
        "pending": Invitation.objects.filter(
            structure=structure, accepted_at__isnull=True, revoked_at__isnull=True
        ),
        "now": timezone.now(),
    }
    return render(request, "cycle/structure_contacts.html", context)


@require_POST
def structure_contact_withdraw(request, pk, participation_pk, contact_pk):
    """« Retirer l'accès »: the contact reaches none of the structure's ICs any more."""
    participation = _managed_participation(request, pk, participation_pk)
    contact = get_object_or_404(
        StructureContact.objects.select_related("user"),
        pk=contact_pk, structure=participation.structure,
    )
    directory.withdraw_contact(by=request.user, contact_id=contact.pk)
    messages.success(
        request, _("%(name)s n'a plus accès aux IC de %(structure)s.")
        % {"name": contact.user, "structure": participation.structure},
    )
    return redirect(
        reverse("cycle:structure_contacts", args=[pk, participation_pk])
    )
