"""Pages of the grille: an overview with progress and workflow, one page per part.

Access: grille.rules (404 for whoever cannot see the IC, 403 for a reader who
tries to write). The part page is reachable by an anonymous POST so that a
user whose session expired keeps what he typed: the input is stashed in the
new session and given back once he has signed in again. Only a browser whose
cookie names an expired signed-in session gets a stash, once (that row is
consumed): anonymous POSTs cannot fill the session table.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from cycle.exceptions import TransitionRefused
from workflows import machines as workflow

from . import proposals, services
from .forms import (
    FORMS,
    ActionsForm,
    ExpectedReturnForm,
    PhaseFormSet,
    phase_initial,
    proposed_phase_initial,
)
from .models import Grille
from .rules import capabilities_of
from .selectors import (
    FACTS,
    grille_logs,
    grille_page_project,
    load_sheet,
    missing,
    phase_attendance,
    planned_choices,
)
from .vocabulary import TEXT_MAX, Part

STASH_KEY = "grille_stash"
STASH_MAX_CHARS = 400_000


def project_url(project) -> str | None:
    """The project's page, where its facts are edited (if that page exists yet)."""
    try:
        return reverse("cycle:project_detail", kwargs={"pk": project.pk})
    except NoReverseMatch:
        return None


# What each page shows: (facts, content) for load_sheet; "what is missing" in the rest
# is read from the project's presence flags.
OVERVIEW = "overview"
PAGE_NEEDS = {
    OVERVIEW: ((), ("main_answers",)),
    Part.PRESENTATION: (FACTS, ("main_answers",)),
    Part.ACTIONS: (("tranches", "participations"),
                   ("themes", "phases", "plan_links", "main_answers")),
    Part.EVALUATION: ((), ("answers",)),
}


class GrilleView(View):
    """Loads the IC (404 if not visible), its grille and the user's rights, in one query."""

    presence = True  # whether the page reports what is missing

    def setup_grille(self, request, project_pk):
        self.project = grille_page_project(request.user, project_pk, presence=self.presence)
        self.caps = capabilities_of(request.user, self.project)
        # Reading never writes: an IC without a grille yet shows an empty, unsaved draft;
        # the first save or workflow step by someone allowed to make it creates the row.
        grille = getattr(self.project, "grille", None)
        self.draft_version = None
        if grille is None and request.method == "POST" and (
            self.caps["edit"] or self.caps["review"]
        ):
            grille, created = services.ensure_grille(self.project)
            if created:  # the form posted was drawn from the blank draft, which is this row
                self.draft_version = Grille(project=self.project).version
        self.grille = grille or Grille(project=self.project)
        self.grille.project = self.project
        self.can_edit_content = services.content_editable(
            self.grille.status, edit=self.caps["edit"], review=self.caps["review"]
        )

    def load_sheet(self, page):
        facts, content = PAGE_NEEDS[page]
        return load_sheet(self.project, self.grille, facts=facts, content=content)

    def base_context(self, sheet, gaps):
        return {
            "project": self.project,
            "grille": self.grille,
            "sheet": sheet,
            "facts": sheet.facts,
            "gaps": gaps,
            "parts": [
                {"number": part.value, "label": part.label, "missing": gaps[part]}
                for part in Part
            ],
            "caps": self.caps,
            "can_edit_content": self.can_edit_content,
            "project_url": project_url(self.project),
        }


class OverviewView(GrilleView):
    template_name = "grille/overview.html"

    def get(self, request, project_pk):
        self.setup_grille(request, project_pk)
        return self.render_overview(request)

    def render_overview(self, request, *, return_form=None, status=200):
        sheet = self.load_sheet(OVERVIEW)
        gaps = missing(sheet)
        context = self.base_context(sheet, gaps)
        context["logs"] = grille_logs(self.grille)
        context["actions"] = self.available_actions(request.user)
        context["comment_max"] = TEXT_MAX
        if self.caps["review"]:
            context["return_form"] = return_form or ExpectedReturnForm(initial={
                "expected_return_on": self.grille.expected_return_on,
                "version": self.grille.version,
            })
        return render(request, self.template_name, context, status=status)

    def available_actions(self, user):
        """The workflow buttons: the declared transitions possible now that the user's
        rights allow (the transitions' permissions read the page's ``caps``, no query)."""
        return workflow.menu(self.grille, "status", user=user)


def _expired_sign_in_consumed(request) -> bool:
    """True once for a cookie naming an expired session that was signed in (its row is
    deleted, so replaying the cookie stores nothing more)."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    row = key and Session.objects.filter(session_key=key, expire_date__lte=timezone.now()).first()
    if not row or "_auth_user_id" not in row.get_decoded():
        return False
    return Session.objects.filter(pk=row.pk).delete()[0] > 0


def _stash(request) -> None:
    data = {k: v for k, v in request.POST.lists() if k != "csrfmiddlewaretoken"}
    if sum(len(x) for values in data.values() for x in values) > STASH_MAX_CHARS:
        return
    if _expired_sign_in_consumed(request):
        request.session[STASH_KEY] = {request.path: data}  # one stash per expired sign-in


def _unstash(request) -> QueryDict | None:
    stash = request.session.get(STASH_KEY) or {}
    data = stash.pop(request.path, None)
    if data is None:
        return None
    request.session.modified = True
    restored = QueryDict(mutable=True)
    for key, values in data.items():
        restored.setlist(key, values)
    return restored


@method_decorator(login_not_required, name="dispatch")
class PartView(GrilleView):
    """One part of the grille: read it, or fill it in and save it as a draft."""

    phases_proposed = False  # part 2 drawn with phases proposed, not saved ones

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            if request.method == "POST":
                _stash(request)
                messages.warning(
                    request,
                    _("Votre session a expiré. Reconnectez-vous : votre saisie vous sera "
                      "rendue."),
                )
            return redirect_to_login(request.get_full_path())
        if kwargs["part"] not in Part.values:
            raise Http404(_("Cette partie de la grille n'existe pas."))
        return super().dispatch(request, *args, **kwargs)

    def build(self, sheet, data=None, *, proposing=False):
        part = self.part
        form_class = FORMS[part]
        initial = form_class.initial_from(sheet)
        initial["version"] = self.grille.version
        form = form_class(data, initial=initial, sheet=sheet, prefix=None)
        # Only on a page drawn for someone who may write: a reader sees what is saved.
        proposing = proposing and data is None and self.can_edit_content
        if proposing and part == Part.ACTIONS and not sheet.themes:
            form.propose_themes(proposals.proposed_themes(self.project))
        formset = None
        if part == Part.ACTIONS:
            phases = phase_initial(sheet)
            if proposing and not phases:  # the chosen offer's, else the IC's planned ones
                rows = proposals.linked(self.project, proposals.proposed_phases(self.project))
                phases = proposed_phase_initial(rows)
                self.phases_proposed = bool(phases)
            extra = 1 if not phases or self.request.GET.get("ajouter") else 0
            formset = PhaseFormSet(data, initial=phases, prefix="phases", form_kwargs={
                "planned": self.planned(sheet), "derived": phase_attendance(sheet),
            })
            if data is None and extra:
                formset.extra = extra
        if not self.can_edit_content:
            for f in [form, *(formset.forms if formset is not None else [])]:
                for field in f.fields.values():
                    field.disabled = True
        return form, formset

    def planned(self, sheet) -> list[tuple[int, str]]:
        """The planned phases a phase may be linked to; a reader sees only those linked."""
        choices = planned_choices(self.project)
        if self.can_edit_content:
            return choices
        linked = {phase.planned_phase_id for phase in sheet.phases}
        return [choice for choice in choices if choice[0] in linked]

    def render_part(self, request, sheet, form, formset, status=200):
        gaps = missing(sheet)
        context = self.base_context(sheet, gaps)
        context.update({
            "part": Part(self.part),
            "form": form,
            "formset": formset,
            "previous_part": self.part - 1 if self.part > 1 else None,
            "next_part": self.part + 1 if self.part < 3 else None,
            "phases_proposed": self.phases_proposed,
        })
        return render(request, f"grille/part_{self.part}.html", context, status=status)

    def get(self, request, project_pk, part):
        self.part = part
        self.setup_grille(request, project_pk)
        sheet = self.load_sheet(part)
        restored = _unstash(request) if self.can_edit_content else None
        if restored is not None:
            messages.info(
                request,
                _("Votre saisie d'avant la déconnexion a été restaurée : vérifiez-la, "
                  "puis enregistrez."),
            )
        form, formset = self.build(sheet, restored, proposing=True)
        if restored is not None:
            form.is_valid()
            if formset is not None:
                formset.is_valid()
        return self.render_part(request, sheet, form, formset)

    def post(self, request, project_pk, part):
        self.part = part
        self.setup_grille(request, project_pk)
        if not self.caps["edit"]:
            raise PermissionDenied(_("Vous pouvez consulter cette grille, pas la modifier."))
        sheet = self.load_sheet(part)
        if not self.can_edit_content:
            # Keep what was typed on screen, say why it cannot be saved.
            self.can_edit_content = True
            form, formset = self.build(sheet, request.POST)
            form.is_valid()
            self.can_edit_content = False
            messages.error(request, services.GrilleLocked(self.grille).message)
            return self.render_part(request, sheet, form, formset, status=409)
        form, formset = self.build(sheet, request.POST)
        valid = form.is_valid() & (formset is None or formset.is_valid())
        if not valid:
            messages.error(
                request,
                _("Cette partie n'a pas été enregistrée : corrigez les champs signalés "
                  "(votre saisie est conservée)."),
            )
            return self.render_part(request, sheet, form, formset)
        try:
            self.save(form, formset)
        except services.GrilleConflict as conflict:
            # Merge field by field with what the other person saved (dla_ic.concurrency).
            self.setup_grille(request, project_pk)
            # Proposals drawn on both sides: the page this user started from showed them.
            theirs, _formset = self.build(self.load_sheet(part), proposing=True)
            form.resolve_conflict(theirs, self.grille.version, conflict.message)
            return self.render_part(request, sheet, form, formset, status=409)
        except services.GrilleLocked as locked:
            messages.error(request, locked.message)
            return self.render_part(request, sheet, form, formset, status=409)
        messages.success(request, _("Brouillon enregistré."))
        target = reverse("grille:part", kwargs={"project_pk": self.project.pk, "part": part})
        if "add_phase" in request.POST:
            target += "?ajouter=1"
        elif "save_next" in request.POST and part < 3:
            target = reverse("grille:part", kwargs={"project_pk": self.project.pk,
                                                    "part": part + 1})
        elif "save_overview" in request.POST:
            target = reverse("grille:overview", kwargs={"project_pk": self.project.pk})
        return HttpResponseRedirect(target)

    def save(self, form, formset):
        data, user, version = form.cleaned_data, self.request.user, form.cleaned_data["version"]
        if version == self.draft_version:  # not a conflict: nobody saved it before
            version = self.grille.version
        if self.part == Part.PRESENTATION:
            services.save_presentation(self.grille, by=user, version=version, data=data)
        elif self.part == Part.ACTIONS:
            assert isinstance(form, ActionsForm)
            services.save_actions(
                self.grille, by=user, version=version, data=data, themes=form.themes,
                phases=formset.ordered_phases(), plan_links=form.plan_links,
            )
        else:
            services.save_evaluation(
                self.grille, by=user, version=version, data=data, answers=form.answers
            )


class TransitionView(GrilleView):
    """POST name=submit|send_back|validate|reopen (+ comment)."""

    http_method_names = ["post"]
    presence = False

    def post(self, request, project_pk):
        self.setup_grille(request, project_pk)
        if not (self.caps["edit"] or self.caps["review"]):
            raise PermissionDenied(_("Vous pouvez consulter cette grille, pas la faire avancer."))
        name = request.POST.get("name", "")
        try:
            log = services.fire(
                self.grille, name, by=request.user, comment=request.POST.get("comment", ""),
            )
        except TransitionRefused as refused:
            for message in refused.missing:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("La grille est désormais « %(status)s ».") % {"status": log.get_target_display()},
            )
        return redirect("grille:overview", project_pk=self.project.pk)


class ExpectedReturnView(OverviewView):
    """POST the date the grille is expected back: the IC's chargés de mission (review)."""

    http_method_names = ["post"]

    def post(self, request, project_pk):
        self.setup_grille(request, project_pk)
        if not self.caps["review"]:
            raise PermissionDenied(_("Seuls les chargés de mission de l'IC datent le retour."))
        form = ExpectedReturnForm(request.POST)
        if form.is_valid():
            # A grille made by this very post: the blank draft the form was drawn from.
            version = form.version if self.draft_version is None else None
            try:
                services.set_expected_return(
                    self.grille, on=form.cleaned_data["expected_return_on"], version=version
                )
            except services.GrilleConflict:
                fresh = Grille.objects.get(pk=self.grille.pk)
                theirs = ExpectedReturnForm(initial={
                    "expected_return_on": fresh.expected_return_on, "version": fresh.version,
                })
                form.resolve_conflict(theirs, fresh.version)
            else:
                messages.success(request, _("Date de retour attendue enregistrée."))
                return redirect("grille:overview", project_pk=self.project.pk)
        return self.render_overview(request, return_form=form, status=200)


__all__ = ["ExpectedReturnView", "Grille", "OverviewView", "PartView", "TransitionView"]
