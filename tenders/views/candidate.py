"""The invited firm's pages: the call, its cahier des charges, its own offer and letter."""

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cycle.selectors import planned_phases
from monographs.downloads import stored_pdf_response
from monographs.models import IssuedSpecification
from workflows import machines as workflow

from .. import selectors, services, uploads
from ..deadlines import in_french, on_time
from ..forms import FirmContactsForm, IntentForm, OfferForm, PhaseFormSet
from ..models import CallForTender, OfferVersion
from ..rules import can_view_offer, firm_id


@permission_required("tenders.list_calls", raise_exception=True)
def call_list(request):
    calls = selectors.calls_for(request.user)
    firm = firm_id(request.user)
    return render(request, "tenders/call_list.html", {"calls": calls, "as_firm": firm})


def firm_contacts(request):
    """The firm's own intervenants keep its contacts, where its tender mail goes."""
    if firm_id(request.user) is None:  # not has_perm: superusers pass it
        raise PermissionDenied
    intervenant = request.user.intervenant
    firm = intervenant.prestataire
    form = FirmContactsForm(request.POST if request.method == "POST" else None, initial={
        "firm_email": firm.email, "own_email": intervenant.email,
    })
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            services.update_firm_contacts(intervenant, by=request.user, **form.cleaned_data)
            from .common import saved

            saved(request, _("Coordonnées enregistrées."))
            return redirect("tenders:firm_contacts")
    context = {"form": form, "firm": firm}
    return render(request, "tenders/firm_contacts.html", context, status=status)


def _invitation(request, call_pk):
    invitation = selectors.invitation_for(request.user, call_pk)
    if invitation is None:
        raise Http404
    return invitation


def may_submit(invitation) -> bool:
    """Whether the invitation's menu offers an offer now (its declared guard passes)."""
    return any(entry["name"] == "submit" and not entry["missing"]
               for entry in workflow.menu(invitation, "status"))


def invitation_detail(request, call_pk):
    invitation = _invitation(request, call_pk)
    call = invitation.call
    offer = getattr(invitation, "offer", None)
    context = {
        "invitation": invitation, "call": call, "project": call.project,
        "offer": offer, "versions": offer.versions.order_by("-number") if offer else [],
        "specifications": list(IssuedSpecification.objects.filter(
            specification__project=call.project
        ).order_by("-number")),
        "open": on_time(call.reply_deadline), "intent_form": IntentForm(),
        "may_submit": may_submit(invitation),
        "reply_deadline": in_french(call.reply_deadline),
        "intent_deadline": in_french(call.intent_deadline),
    }
    return render(request, "tenders/invitation_detail.html", context)


@require_POST
def intent(request, call_pk):
    invitation = _invitation(request, call_pk)
    form = IntentForm(request.POST)
    if form.is_valid():
        try:
            services.declare_intent(invitation, by=request.user, **form.cleaned_data)
        except services.TenderRefused as error:
            from .common import refused

            refused(request, error)
    return redirect("tenders:invitation_detail", call_pk=call_pk)


def specification_pdf(request, call_pk, number=None):
    """Only ever an issued version, as stored: the current one, or an earlier by number."""
    call = get_object_or_404(CallForTender.objects.select_related("project"), pk=call_pk)
    if not (request.user.has_perm("tenders.answer_call", call)
            or request.user.has_perm("tenders.manage_call", call.project)):
        raise Http404
    versions = IssuedSpecification.objects.filter(specification__project=call.project)
    issued = (versions.filter(number=number) if number else versions.order_by("-number")).first()
    if issued is None:
        raise Http404
    return stored_pdf_response(issued, call.project)


def _phases_initial(offer, project):
    """The current version's phases; a first offer is proposed the IC's planned ones."""
    if offer is None:
        return planned_phases(project) or [{}]
    return [{"title": p["title"], "days": p["days"]} for p in offer.current.phases]


def offer_edit(request, call_pk):
    invitation = _invitation(request, call_pk)
    call, firm = invitation.call, invitation.prestataire
    offer = getattr(invitation, "offer", None)
    initial = {}
    if offer:
        current = offer.current
        initial = {"method": current.method, "price": current.price,
                   "intervenants": list(current.intervenants.all())}
    form = OfferForm(request.POST or None, request.FILES or None, firm=firm,
                     file_required=offer is None, initial=initial)
    initial_phases = None if request.method == "POST" else _phases_initial(offer, call.project)
    phases = PhaseFormSet(request.POST or None, prefix="phases", initial=initial_phases)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and phases.is_valid():
            kept = [p for p in phases.cleaned_data if p and not p.get("DELETE")]
            data = form.cleaned_data
            try:
                version = services.submit_offer(
                    invitation, by=request.user, method=data["method"], phases=kept,
                    price=data["price"], intervenants=data["intervenants"],
                    upload=data.get("file") or None,
                )
            except services.TenderRefused as error:
                form.add_error(None, " ".join(error.missing))
            else:
                from .common import saved

                saved(request, _("Offre déposée (version %(n)s).") % {"n": version.number})
                return redirect("tenders:invitation_detail", call_pk=call_pk)
    context = {"invitation": invitation, "call": call, "project": call.project, "form": form,
               "phases": phases, "offer": offer, "open": on_time(call.reply_deadline),
               "phases_proposed": offer is None and any(initial_phases or [{}]),
               "reply_deadline": in_french(call.reply_deadline)}
    return render(request, "tenders/offer_form.html", context, status=status)


def offer_file(request, version_pk):
    version = get_object_or_404(
        OfferVersion.objects.select_related("offer__invitation__call__project"), pk=version_pk
    )
    if not can_view_offer(request.user, version.offer):  # not has_perm: superusers pass it
        raise Http404
    file = uploads.open_stored(version.file_name)
    if file is None:
        raise Http404
    name = f"offre-{version.offer.invitation.prestataire_id}-v{version.number}.pdf"
    return FileResponse(file, as_attachment=True, filename=name,
                        content_type="application/pdf")
