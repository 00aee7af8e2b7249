"""The IC's sessions: list and totals, plan/edit/cancel, invitations and answers, the
attendance list, the émargement sheet (page and PDF) and its signed scan. Thin: reads in
selectors, writes in services, who may what in rules."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.rules import structure_id
from dla_ic.concurrency import RecordModifiedError
from dla_ic.pdf import html_to_pdf, pdf_response

from . import ics, rules, selectors, services
from .attendance import DAY_RULE
from .forms import AnswerForm, AttendanceForm, CancelForm, MeetingForm, SignedSheetForm
from .models import Meeting
from .rules import Reach

SHEET_TEMPLATE = "meetings/sheet.html"


def _back(user, project) -> str:
    name = "cycle:structure_space" if structure_id(user) else "cycle:project_detail"
    return reverse(name, args=[project.pk])


def _posted(request):
    """The posted data, even empty (an empty POST is a bound form with its errors)."""
    return request.POST if request.method == "POST" else None


def _planner(request, project):
    if not rules.may_plan(request.user, project):
        raise PermissionDenied


@require_GET
def meeting_list(request, project_pk):
    project, seen = selectors.project_for(request.user, project_pk)
    insider = seen in (Reach.TEAM, Reach.PRESTATAIRE)
    return render(request, "meetings/list.html", {
        "project": project, "seen": seen.value, "back_url": _back(request.user, project),
        "meetings": selectors.meetings(request.user, project, seen),
        "totals": selectors.totals_for(project) if insider else None,
        "phase_totals": selectors.phase_totals(project) if insider else None,
        "day_rule": DAY_RULE,
        "can_plan": rules.may_plan(request.user, project),
    })


def _form(project, data=None, instance=None):
    return MeetingForm(
        data, instance=instance,
        participations=selectors.participations(project),
        intervenants=selectors.chosen_intervenants(project),
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request, project_pk):
    project, _seen = selectors.project_for(request.user, project_pk)
    _planner(request, project)
    form = _form(project, _posted(request), Meeting(project=project))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.create_meeting(
                project=project, by=request.user, fields=form.meeting_fields(),
                invited=form.invited(), intervenants=form.cleaned_data["intervenants"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Séance planifiée."))
            return redirect("meetings:detail", pk=meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "meetings/form.html", {"project": project, "form": form},
                  status=status)


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting, _seen = selectors.meeting_for(request.user, pk)
    _planner(request, meeting.project)
    form = _form(meeting.project, _posted(request), meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meeting(
                meeting=form.instance, version=form.version, fields=form.meeting_fields(),
                invited=form.invited(), intervenants=form.cleaned_data["intervenants"],
            )
        except RecordModifiedError:
            fresh = Meeting.objects.get(pk=meeting.pk)
            form.resolve_conflict(_form(meeting.project, instance=fresh), fresh.version)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Séance enregistrée."))
            return redirect("meetings:detail", pk=meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "meetings/form.html",
                  {"project": meeting.project, "form": form, "meeting": meeting}, status=status)


@require_GET
def meeting_detail(request, pk):
    meeting, seen = selectors.meeting_for(request.user, pk)
    return _detail(request, meeting, seen)


def _detail(request, meeting, seen, answer_form=None, sheet_form=None, status=200):
    project = meeting.project
    invitation = meeting.shown_invitations[0] if seen == Reach.STRUCTURE else None
    if invitation is not None and answer_form is None:
        answer_form = AnswerForm(initial={
            "answer": invitation.answer if invitation.answered_at else None,
            "attending": invitation.attending or invitation.seats,
        })
    return render(request, "meetings/detail.html", {
        "project": project, "meeting": meeting, "seen": seen.value,
        "where": selectors.where(meeting), "invitation": invitation,
        "answer_form": answer_form, "back_url": _back(request.user, project),
        "can_plan": rules.may_plan(request.user, project),
        "can_record": rules.may_record_attendance(request.user, project, seen),
        "cancel_form": CancelForm(initial={"version": meeting.version}),
        "sheet_form": sheet_form or SignedSheetForm(),
    }, status=status)


@require_POST
def meeting_cancel(request, pk):
    meeting, _seen = selectors.meeting_for(request.user, pk)
    _planner(request, meeting.project)
    form = CancelForm(request.POST)
    form.is_valid()
    try:
        services.cancel_meeting(meeting=meeting, version=form.cleaned_data.get("version"),
                                by=request.user)
    except RecordModifiedError:
        messages.error(request, _("La séance a été modifiée entre-temps : vérifiez-la, puis "
                                  "annulez-la de nouveau."))
    else:
        messages.success(request, _("Séance annulée."))
    return redirect("meetings:detail", pk=meeting.pk)


@require_POST
def meeting_invite(request, pk):
    meeting, _seen = selectors.meeting_for(request.user, pk)
    _planner(request, meeting.project)
    sent = services.send_invitations(meeting=meeting)
    messages.success(request, _("%(n)s invitation(s) envoyée(s).") % {"n": sent})
    return redirect("meetings:detail", pk=meeting.pk)


@require_POST
def meeting_answer(request, pk):
    meeting, seen = selectors.meeting_for(request.user, pk)
    if seen != Reach.STRUCTURE:
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_invitation(
                invitation=meeting.shown_invitations[0], by=request.user,
                answer=form.cleaned_data["answer"], attending=form.cleaned_data["attending"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Votre réponse est enregistrée."))
            return redirect("meetings:detail", pk=meeting.pk)
    return _detail(request, meeting, seen, answer_form=form, status=400)


@require_GET
def meeting_ics(request, pk):
    meeting, _seen = selectors.meeting_for(request.user, pk)
    response = HttpResponse(ics.calendar_bytes(meeting), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="seance-{meeting.pk}.ics"'
    return response


def _recorder(request, pk):
    meeting, seen = selectors.meeting_for(request.user, pk)
    if not rules.may_record_attendance(request.user, meeting.project, seen):
        raise PermissionDenied
    return meeting


@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    meeting = _recorder(request, pk)
    form = AttendanceForm(_posted(request), lines=selectors.expected_lines(meeting))
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        done = services.record_attendance(meeting=meeting, by=request.user,
                                          lines=form.recorded())
        if not done.conflicts:
            messages.success(request, _("Présences enregistrées."))
            return redirect("meetings:attendance", pk=meeting.pk)
        # the saved list again, with this user's input and a word beside the disputed lines
        form = AttendanceForm(lines=selectors.expected_lines(meeting), conflicts=done.conflicts,
                              kept=form.kept(done.conflicts))
        messages.warning(request, _(
            "Les autres lignes sont enregistrées ; celles signalées ont été modifiées "
            "entre-temps : vérifiez-les, puis enregistrez de nouveau."
        ))
        status = 409
    return render(request, "meetings/attendance.html",
                  {"project": meeting.project, "meeting": meeting, "form": form}, status=status)


def _sheet_context(meeting) -> dict:
    return {
        "project": meeting.project, "meeting": meeting, "where": selectors.where(meeting),
        "lines": selectors.expected_lines(meeting),
        "fse": selectors.fse_cofunded(meeting.project),
    }


@require_GET
def sheet(request, pk):
    meeting = _recorder(request, pk)
    return render(request, SHEET_TEMPLATE, {**_sheet_context(meeting), "on_screen": True})


@require_GET
def sheet_pdf(request, pk):
    meeting = _recorder(request, pk)
    pdf = html_to_pdf(render_to_string(SHEET_TEMPLATE, _sheet_context(meeting)))
    return pdf_response(pdf, _("émargement %(title)s %(day)s") % {
        "title": meeting.title, "day": meeting.held_on.isoformat()
    })


@require_POST
def sheet_upload(request, pk):
    meeting, seen = selectors.meeting_for(request.user, pk)
    _planner(request, meeting.project)
    form = SignedSheetForm(request.POST, request.FILES)
    if form.is_valid():
        services.file_signed_sheet(meeting=meeting, upload=form.cleaned_data["file"],
                                   by=request.user)
        messages.success(request, _("Feuille signée classée dans le dossier de l'IC."))
        return redirect("meetings:detail", pk=meeting.pk)
    return _detail(request, meeting, seen, sheet_form=form, status=400)
