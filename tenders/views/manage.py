"""The chargé de mission's pages: open the call, score, sign, download the documents."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cycle.selectors import editable_projects
from dla_ic.inputs import safe_id
from dla_ic.pdf import pdf_response, render_pdf
from monographs.models import Specification
from workflows import machines as workflow

from .. import selectors, services
from ..forms import CallForm, CancelForm, ExtendForm, ScorerForm, SelectionForm, SheetForm
from ..models import CallForTender, Offer, Scorer, SignedDocument
from ..rules import can_view_letter
from ..vocabulary import DocumentKind
from .common import base_url, refused, saved


def _call(request, project_pk):
    return get_object_or_404(selectors.managed_calls(request.user), project_id=project_pk)


def call_open(request, project_pk):
    project = get_object_or_404(editable_projects(request.user), pk=project_pk)
    if hasattr(project, "call_for_tender"):
        return redirect("tenders:call_manage", project_pk=project.pk)
    specification = Specification.objects.filter(project=project).first()
    initial = {"reply_deadline": specification.reply_deadline} if specification else {}
    form = CallForm(request.POST or None, regions=services.ic_regions(project), initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.open_call(project, by=request.user, base_url=base_url(request),
                                   **form.cleaned_data)
            except services.TenderRefused as error:
                refused(request, error)
            else:
                saved(request, _("Appel d'offres lancé : les invitations sont parties."))
                return redirect("tenders:call_manage", project_pk=project.pk)
    context = {"project": project, "form": form,
               "missing": services.missing_preconditions(project)}
    return render(request, "tenders/call_form.html", context, status=status)


# The pages of the call's transitions: one asking a reason opens its form, others post.
ACTION_PAGES = {"extend": "tenders:call_extend", "cancel": "tenders:call_cancel",
                "sign": "tenders:selection_sign", "open_offers": "tenders:offers_open"}


def call_actions(call) -> list[dict]:
    """The call's menu as its declarations say: what is possible now, on its page."""
    return [
        {**entry, "url": reverse(ACTION_PAGES[entry["name"]], args=[call.project_id])}
        for entry in workflow.menu(call, "state")
        if entry["name"] in ACTION_PAGES and not entry["missing"]
    ]


def journal(call) -> list[dict]:
    """The call's log, each step named by its declaration."""
    labels = workflow.labels(CallForTender, "state")
    return [{"entry": entry, "label": labels.get(entry.transition, entry.transition)}
            for entry in call.history.select_related("by")]


def call_manage(request, project_pk):
    project = get_object_or_404(editable_projects(request.user), pk=project_pk)
    if not hasattr(project, "call_for_tender"):
        return redirect("tenders:call_open", project_pk=project.pk)
    call = _call(request, project_pk)
    context = selectors.call_context(call)
    if call.structures_score and not call.is_signed:
        context["scorer_form"] = ScorerForm(
            structures=services.committed_structures(call.project)
        )
    context["own_scorer"] = services.own_scorer(call, request.user)
    context["actions"] = call_actions(call)
    context["events"] = journal(call)
    context["signed_documents"] = list(call.documents.select_related("invitation__prestataire"))
    return render(request, "tenders/call_manage.html", context)


@require_POST
def offers_open(request, project_pk):
    call = _call(request, project_pk)
    try:
        services.open_offers(call, by=request.user)
    except services.TenderRefused as error:
        refused(request, error)
    else:
        saved(request, _("Offres ouvertes : l'ouverture est consignée au journal."))
    return redirect("tenders:call_manage", project_pk=call.project_id)


def confirmation(transition: str) -> str | None:
    """The question the call's declaration asks before ``transition`` fires."""
    return workflow.declared(CallForTender, "state")[transition].custom.get("confirm")


def _call_action(request, project_pk, *, transition, form_class, service, done, heading):
    """A reasoned, logged action on the call (extend, cancel): its form, then the service."""
    call = _call(request, project_pk)
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                service(call, by=request.user, base_url=base_url(request), **form.cleaned_data)
            except services.TenderRefused as error:
                for message in error.missing:
                    form.add_error(None, message)
            else:
                saved(request, done)
                return redirect("tenders:call_manage", project_pk=call.project_id)
    context = {"call": call, "project": call.project, "form": form, "heading": heading,
               "confirm": confirmation(transition)}
    return render(request, "tenders/call_action_form.html", context, status=status)


def call_extend(request, project_pk):
    return _call_action(
        request, project_pk, transition="extend", form_class=ExtendForm,
        service=services.extend_call,
        done=_("Appel d'offres prolongé : les candidats sont prévenus."),
        heading=_("Prolonger l'appel d'offres"),
    )


def call_cancel(request, project_pk):
    return _call_action(
        request, project_pk, transition="cancel", form_class=CancelForm,
        service=services.cancel_call,
        done=_("Appel d'offres annulé : les candidats sont prévenus."),
        heading=_("Annuler l'appel d'offres"),
    )


@require_POST
def scorer_add(request, project_pk):
    call = _call(request, project_pk)
    form = ScorerForm(request.POST, structures=services.committed_structures(call.project))
    if form.is_valid():
        try:
            services.add_scorer(call, by=request.user, **form.cleaned_data)
        except services.TenderRefused as error:
            refused(request, error)
        else:
            saved(request, _("Évaluateur ajouté."))
    else:
        messages.error(request, _("Indiquez le nom et la structure du représentant."))
    return redirect("tenders:call_manage", project_pk=call.project_id)


def sheet_edit(request, offer_pk):
    offer = get_object_or_404(
        Offer.objects.select_related("invitation__prestataire", "current", "invitation__call"),
        pk=offer_pk, invitation__call__in=selectors.managed_calls(request.user),
    )
    call = offer.invitation.call
    if not call.offers_unsealed:  # sealed: not even the firm's name and price here
        raise Http404
    scorer = None
    if request.GET.get("evaluateur"):
        scorer = get_object_or_404(
            Scorer, pk=safe_id(request.GET["evaluateur"]) or 0, call=call,
        )
        if not services.may_write(request.user, scorer):  # another user's grid is his own
            raise Http404
    shown = scorer or services.own_scorer(call, request.user)
    sheet = shown.sheets.filter(offer=offer).prefetch_related("scores").first() if shown else None
    initial = {"comment": sheet.comment} if sheet else {}
    if sheet:
        initial |= {f"c{s.criterion_id}": s.value for s in sheet.scores.all()}
    criteria = list(call.project.specification.criteria.all())
    form = SheetForm(request.POST or None, criteria=criteria, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.save_sheet(offer, by=request.user, values=form.values(),
                                    comment=form.cleaned_data["comment"], scorer=scorer)
            except services.TenderRefused as error:
                refused(request, error)
            else:
                saved(request, _("Notes enregistrées."))
                return redirect("tenders:call_manage", project_pk=call.project_id)
    context = {"offer": offer, "call": call, "project": call.project, "form": form,
               "scorer": shown, "locked": services.scoring_refusals(call)}
    return render(request, "tenders/sheet_form.html", context, status=status)


def selection_sign(request, project_pk):
    call = _call(request, project_pk)
    if not call.offers_unsealed:
        raise Http404
    form = SelectionForm(request.POST or None, offers=selectors.offers_of(call))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.sign_selection(call, by=request.user, base_url=base_url(request),
                                        **form.cleaned_data)
            except services.TenderRefused as error:
                refused(request, error)
            else:
                saved(request, _("Choix signé : les prestataires retenus sont affectés à l'IC."))
                return redirect("tenders:call_manage", project_pk=call.project_id)
    context = {"call": call, "project": call.project, "form": form, **selectors.scoring(call),
               "confirm": confirmation("sign")}
    return render(request, "tenders/selection_form.html", context, status=status)


def stored_response(document, name) -> HttpResponse:
    """The file stored at signature, byte for byte; its hash travels in a header too."""
    response = pdf_response(document.read(), name)
    response["X-Content-SHA256"] = document.sha256
    return response


def report_pdf(request, project_pk):
    """Signed: the stored procès-verbal. Before: a draft, once the offers are opened."""
    call = _call(request, project_pk)
    name = _("proces-verbal %(title)s") % {"title": call.project.title}
    if call.is_signed:
        document = get_object_or_404(
            SignedDocument, call=call, kind=DocumentKind.REPORT, invitation=None
        )
        return stored_response(document, name)
    if not call.offers_unsealed:
        raise Http404
    return pdf_response(render_pdf("tenders/report_pdf.html", selectors.call_context(call)), name)


def letter_pdf(request, invitation_pk):
    from ..models import Invitation

    invitation = get_object_or_404(
        Invitation.objects.select_related("call__project", "prestataire"), pk=invitation_pk
    )
    if not can_view_letter(request.user, invitation):  # not has_perm: superusers pass it
        raise Http404
    document = get_object_or_404(SignedDocument, invitation=invitation, kind=DocumentKind.LETTER)
    return stored_response(document, _("lettre %(firm)s") % {"firm": invitation.prestataire})
