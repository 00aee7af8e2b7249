"""What the pages and documents of a call read, in a fixed number of queries."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from cycle.rules import editable_q

from .models import CallForTender, Invitation, Offer, Scorer, ScoreSheet
from .ranking import Standing, Weighted, grid_total, rank
from .rules import firm_id


def calls_for(user):
    """The calls a user may open: his firm's invitations, or the calls of the ICs he pilots."""
    calls = CallForTender.objects.select_related("project").order_by("-reply_deadline")
    firm = firm_id(user)
    if firm is not None:
        return calls.filter(invitations__prestataire_id=firm)
    q = editable_q(user)
    if q is None:
        return calls
    from cycle.models import Project

    return calls.filter(project__in=Project.objects.filter(q).values("pk"))


def managed_calls(user):
    q = editable_q(user)
    calls = CallForTender.objects.select_related("project__specification")
    if q is None:
        return calls
    from cycle.models import Project

    return calls.filter(project__in=Project.objects.filter(q).values("pk"))


def offers_of(call):
    return (
        Offer.objects.filter(invitation__call=call, current__isnull=False)
        .select_related("invitation__prestataire", "current")
        .prefetch_related("current__intervenants")
        .order_by("invitation__prestataire__name")
    )


@dataclass
class Grid:
    scorer: Scorer
    offer: Offer
    sheet: ScoreSheet | None
    values: list[int | None]
    total: object


def scoring(call) -> dict:
    """Criteria, offers, each scorer's grid per offer, and the ranking."""
    criteria = list(call.project.specification.criteria.all())
    weighted = [Weighted(c.pk, c.label, c.weight) for c in criteria]
    offers = list(offers_of(call))
    sheets = (ScoreSheet.objects.filter(offer__in=offers).select_related("updated_by")
              .prefetch_related("scores"))
    by_key = {(s.offer_id, s.scorer_id): s for s in sheets}
    scorers = list(call.scorers.select_related("structure"))
    grids, standings = [], []
    for offer in offers:
        complete = []
        for scorer in scorers:
            sheet = by_key.get((offer.pk, scorer.pk))
            scores = {s.criterion_id: s.value for s in sheet.scores.all()} if sheet else {}
            whole = bool(criteria) and all(c.pk in scores for c in criteria)
            if whole:
                complete.append(scores)
            grids.append(Grid(
                scorer, offer, sheet, [scores.get(c.pk) for c in criteria],
                grid_total(weighted, scores) if whole else None,
            ))
        standings.append(Standing(key=offer, grids=complete))
    ranking = rank(weighted, standings)
    for standing in ranking:
        standing.mean_list = [standing.means.get(c.pk) for c in criteria]
    by_scorer = [(scorer, [g for g in grids if g.scorer is scorer]) for scorer in scorers]
    return {
        "criteria": criteria, "offers": offers, "scorers": scorers, "grids": grids,
        "grids_by_scorer": by_scorer, "ranking": ranking,
    }


def invitations_of(call):
    return call.invitations.select_related("prestataire", "offer__current").prefetch_related(
        "prestataire__approved_regions"
    )


def call_context(call) -> dict:
    return {
        "call": call, "project": call.project, "invitations": list(invitations_of(call)),
        **scoring(call),
    }


def letter_context(invitation) -> dict:
    call = invitation.call
    context = call_context(call)
    offer = getattr(invitation, "offer", None)
    own = next((s for s in context["ranking"] if offer and s.key.pk == offer.pk), None)
    context.update({
        "invitation": invitation,
        "offer": offer,
        "standing": own,
        "own_grids": [g for g in context["grids"] if offer and g.offer.pk == offer.pk],
        "own_comments": [g.sheet.comment for g in context["grids"]
                         if offer and g.offer.pk == offer.pk and g.sheet and g.sheet.comment],
        "chosen": [o for o in context["offers"] if o.selected],
    })
    return context


def invitation_for(user, call_pk):
    """The user's firm's invitation to call ``call_pk``, or None."""
    firm = firm_id(user)
    if firm is None:
        return None
    return (
        Invitation.objects.filter(Q(call_id=call_pk) & Q(prestataire_id=firm))
        .select_related("call__project", "prestataire", "offer__current")
        .first()
    )


def selected_offer_phases(project) -> list[dict]:
    """[{"title", "days"}…] of the chosen offer's current version (the first chosen firm's
    when several were); empty before a choice. What the grille's part 2 is proposed."""
    offer = (
        Offer.objects.filter(invitation__call__project=project, selected=True,
                             current__isnull=False)
        .select_related("current").order_by("invitation__pk").first()
    )
    if offer is None:
        return []
    return [{"title": p["title"], "days": Decimal(str(p["days"]))} for p in offer.current.phases]
