"""The blank forms of an IC's actor sections, for the project page and each section's URL.

In a module of their own: the page (project_page.py) and the sections' URLs
(project_actors.py) both read them, and neither imports the other.
"""

from directory.forms import BeneficiaryStructureForm, PartnerForm, PrestataireForm

from ..choices import IcPlaces, Offers
from ..forms import (
    AssignmentForm,
    CapitalisationItemForm,
    CommitteeForm,
    CommitteeMemberForm,
    MeetingForm,
    NewStructuresFormSet,
    OpinionForm,
    ParticipationForm,
    PartnerRolesForm,
    PartnershipForm,
)
from ..vocabulary import CommitteeKind

NEW_PARTNER, NEW_STRUCTURE, NEW_PRESTATAIRE = "nouveau-partenaire", "nouvelle-structure", (
    "nouveau-prestataire"
)
NEW_STRUCTURES = "nouvelles-structures"
# Pick forms: their disclosure also holds the directory search.
PICKS = {"partenaire", "structure", "prestataire"}
# Each section's forms, by name (as in ``?formulaire=``).
SECTION_FORMS = {
    "partners": {"partenaire", NEW_PARTNER},
    "structures": {"structure", NEW_STRUCTURE, NEW_STRUCTURES},
    "prestataires": {"prestataire", NEW_PRESTATAIRE},
    "committees": {"comite", "avis", "membre", "reunion"},
    "capitalisation": {"capitalisation"},
}
ALL_FORMS = set().union(*SECTION_FORMS.values())
# The page's tab (``?onglet=``) showing each section.
SECTION_TABS = {
    "partners": "acteurs", "structures": "acteurs", "prestataires": "acteurs",
    "committees": "comites", "capitalisation": "capitalisation",
}


def new_structure_form(project, data=None) -> BeneficiaryStructureForm:
    """The directory's structure form, proposing the IC's sector and département."""
    places = IcPlaces(project)
    return places.propose(
        BeneficiaryStructureForm(data, prefix=NEW_STRUCTURE, initial=places.initial)
    )


def new_structures_formset(project, data=None) -> NewStructuresFormSet:
    """« Ajouter plusieurs structures »: rows of the same, added and removed in place."""
    return NewStructuresFormSet(data, prefix=NEW_STRUCTURES, places=IcPlaces(project))


def new_partner_form() -> PartnerForm:
    """The directory's partner form, with the partner's roles in the IC to tick."""
    form = PartnerForm(prefix=NEW_PARTNER)
    form.roles_form = PartnerRolesForm(prefix=NEW_PARTNER)
    return form


def _form_builders(project, offers, search) -> dict:
    """name (as in ``?formulaire=``) → (context key, builder) of every actor form."""
    near = {"offers": offers, "search": search}

    def opinion_form():
        support = next(
            (c for c in project.committees.all() if c.kind == CommitteeKind.APPUI), None
        )
        return OpinionForm(instance=support, prefix="avis") if support else None

    return {
        "partenaire": ("partnership_form", lambda: PartnershipForm(prefix="partenariat", **near)),
        NEW_PARTNER: ("new_partner_form", lambda: new_partner_form()),
        "structure": (
            "participation_form", lambda: ParticipationForm(prefix="participation", **near)
        ),
        NEW_STRUCTURE: (
            "new_structure_form", lambda: new_structure_form(project)
        ),
        NEW_STRUCTURES: ("new_structures", lambda: new_structures_formset(project)),
        "prestataire": ("assignment_form", lambda: AssignmentForm(prefix="prestataire", **near)),
        NEW_PRESTATAIRE: (
            "new_prestataire_form", lambda: PrestataireForm(prefix=NEW_PRESTATAIRE)
        ),
        "comite": ("committee_form", lambda: CommitteeForm(prefix="comite")),
        "avis": ("opinion_form", opinion_form),
        "membre": (
            "member_form",
            lambda: CommitteeMemberForm(prefix="membre", project=project, offers=offers),
        ),
        "reunion": ("meeting_form", lambda: MeetingForm(prefix="reunion", project=project)),
        "capitalisation": (
            "capitalisation_form",
            lambda: CapitalisationItemForm(prefix="capitalisation", project=project),
        ),
    }


def actor_forms(project, search="", asked="", every=()) -> dict:
    """The blank forms of the actor sections, for editors.

    The project page renders its add-forms' disclosures closed and builds none of
    them: opening one loads it with htmx (``?formulaire=<name>``, see
    project_form_on_demand.html). A section's own URL answers with ``every`` form
    of the section. ``search`` narrows the directory entries the pick forms list
    (and opens them); ``asked`` names the form to build and show open.
    """
    forms = {
        "search": search, "asked": asked,
        "status_forms": {}, "intervenant_forms": {}, "bulk": {},
    }
    for name, (key, build) in _form_builders(project, Offers(project), search).items():
        searched = search and name in PICKS and (name in every or not every)
        if name in every or name == asked or searched:
            forms[key] = build()
    return forms
