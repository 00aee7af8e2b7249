"""Teams in the app, never in /admin/: a DLA's or C2RA's members and pending invitations,
a firm's intervenants; inviting, re-sending, revoking; creating a DLA; adding an
intervenant to a firm. Who may do what: directory/rules.py (from accounts.rules)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.http import require_POST

from accounts import services as invitations
from accounts.models import Invitation
from accounts.rules import firm_id

from . import services
from .forms import DlaForm, IntervenantForm, InvitationForm
from .models import Organisation, Prestataire
from .rules import invitable_roles
from .vocabulary import OrganisationKind


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def team_url(team) -> str:
    if isinstance(team, Prestataire):
        return reverse("directory:team_firm", args=[team.pk])
    return reverse("directory:team_organisation", args=[team.pk])


def team_home(request):
    """« Équipe » in the menu: one's own DLA, C2RA or firm; an admin's list of DLAs."""
    user = request.user
    if user.organisation_id:
        return redirect("directory:team_organisation", user.organisation_id)
    if firm := firm_id(user):
        return redirect("directory:team_firm", firm)
    if user.has_perm("directory.list_organisations"):
        return redirect("directory:team_dlas")
    raise PermissionDenied


def _pending(**team):
    return (
        Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True, **team)
        .select_related("invited_by")
        .order_by("last_name", "first_name")
    )


class TeamView(View):
    """A team's page; its invitation form posts here (a French message beside the field)."""

    template_name = "directory/team.html"

    def get_team(self):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        self.team = self.get_team()
        if not request.user.has_perm("directory.view_team", self.team):
            raise Http404  # whether a team exists is not told to outsiders
        self.roles = invitable_roles(request.user, self.team)
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None):
        return InvitationForm(data, roles=self.roles) if self.roles else None

    def get(self, request, *args, **kwargs):
        return self.render(self.form())

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                invitation, sent = invitations.invite(
                    by=request.user, **form.cleaned_data, base_url=_base_url(request),
                    **self.team_fields(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, invitations.sent_notice(invitation, sent))
                return redirect(team_url(self.team))
        return self.render(form, status=200)

    def team_fields(self) -> dict:
        raise NotImplementedError

    def render(self, form, status=200):
        context = {
            "team": self.team, "form": form, "now": timezone.now(),
            "days": settings.INVITATION_VALID_DAYS,
            "pending": _pending(**self.team_fields()),
            "can_invite": bool(self.roles), **self.members(),
        }
        return render(self.request, self.template_name, context, status=status)


class OrganisationTeamView(TeamView):
    def get_team(self):
        organisations = Organisation.objects.select_related("region")
        return get_object_or_404(organisations, pk=self.kwargs["pk"])

    def team_fields(self):
        return {"organisation": self.team}

    def members(self):
        return {
            "members": self.team.members.filter(is_active=True).order_by("last_name", "first_name"),
            "dlas": (
                Organisation.objects.filter(kind=OrganisationKind.DLA, region=self.team.region)
                if self.team.kind == OrganisationKind.C2RA
                and self.request.user.has_perm("directory.create_dla") else None
            ),
        }


class FirmTeamView(TeamView):
    def get_team(self):
        return get_object_or_404(Prestataire, pk=self.kwargs["pk"])

    def team_fields(self):
        return {"prestataire": self.team}

    def members(self):
        return {"intervenants": self.team.intervenants.select_related("user")}


def _invitation_action(request, pk, action):
    pending = Invitation.objects.select_related("organisation", "prestataire")
    invitation = get_object_or_404(pending, pk=pk)
    # A structure's contact is invited from the IC's page, not into a team.
    if invitation.structure_id or not request.user.has_perm("accounts.invite_user", invitation):
        raise Http404
    try:
        action(invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(team_url(invitation.organisation or invitation.prestataire))


@require_POST
def resend_invitation(request, pk):
    def resend(invitation):
        invitations.resend(by=request.user, invitation_id=pk, base_url=_base_url(request))
        messages.success(
            request, _("Nouveau lien envoyé à %(email)s ; l'ancien ne sert plus.")
            % {"email": invitation.email},
        )

    return _invitation_action(request, pk, resend)


@require_POST
def revoke_invitation(request, pk):
    def revoke(invitation):
        invitations.revoke(by=request.user, invitation_id=pk)
        messages.success(
            request, _("L'invitation de %(email)s est annulée.") % {"email": invitation.email}
        )

    return _invitation_action(request, pk, revoke)


def organisation_list(request):
    """The DLAs and C2RA whose teams one may open: an admin's all, a C2RA's region."""
    if not request.user.has_perm("directory.list_organisations"):
        raise PermissionDenied
    organisations = Organisation.objects.select_related("departement", "region")
    if not request.user.is_admin_role:
        organisations = organisations.filter(region=request.user.organisation.region_id)
    return render(request, "directory/organisation_list.html", {"organisations": organisations})


def dla_create(request):
    """A new DLA of one's region; then its page offers to invite its first chargé·e."""
    user = request.user
    if not user.has_perm("directory.create_dla"):
        raise PermissionDenied
    region = None if user.is_admin_role else user.organisation.region
    form = DlaForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            dla = services.create_dla(by=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Le DLA « %(name)s » est créé. Invitez sa première ou son premier "
                  "chargé·e de mission.") % {"name": dla.name},
            )
            return redirect("directory:team_organisation", dla.pk)
    return render(request, "directory/dla_form.html", {"form": form, "region": region})


def intervenant_create(request, pk):
    """A firm's intervenant typed once, from the firm's page; invited if an e-mail is given."""
    if not request.user.has_perm("directory.edit_directory"):
        raise PermissionDenied
    prestataire = get_object_or_404(Prestataire, pk=pk)
    form = IntervenantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            intervenant, invitation = services.add_intervenant(
                by=request.user, prestataire=prestataire, **form.cleaned_data,
                base_url=_base_url(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            message = _("%(name)s est ajouté·e aux intervenants de « %(firm)s ».")
            if invitation is not None:
                message = _("%(name)s est ajouté·e aux intervenants de « %(firm)s » et "
                            "invité·e à créer son compte.")
            messages.success(
                request, message % {"name": intervenant, "firm": prestataire.name}
            )
            return redirect("directory:prestataire_detail", prestataire.pk)
    context = {"form": form, "prestataire": prestataire, "section": "prestataires"}
    return render(request, "directory/intervenant_form.html", context)
