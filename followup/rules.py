"""Who sees and answers the follow-up: the structure's representative its own questionnaires
(of an IC it is committed to); the IC's DLA team all of them, its pilots entering answers
taken on the phone, its region's C2RA staff reading; a prestataire nothing."""

import rules

from accounts.rules import is_admin, structure_id
from cycle.audiences import team_q
from cycle.models import Project
from cycle.rules import editable_q, structure_space_q


def _reaches(project_id, q) -> bool:
    return Project.objects.filter(q, pk=project_id).exists()


@rules.predicate
def reads_project(user, project) -> bool:
    """The IC's DLA team (pilots and its region's C2RA) and admins: every questionnaire."""
    if not user.is_authenticated or not user.is_active:
        return False
    return is_admin(user) or _reaches(project.pk, team_q(user))


@rules.predicate
def enters_for_project(user, project) -> bool:
    """Its pilots' chargés de mission (and admins) enter answers given on the phone."""
    if not user.is_authenticated or not user.is_active:
        return False
    q = editable_q(user)
    return q is None or _reaches(project.pk, q)


@rules.predicate
def answers_for_structure(user, questionnaire) -> bool:
    """The representative of the questionnaire's structure, while it is committed to the IC."""
    participation = questionnaire.participation
    sid = structure_id(user)
    return (
        sid is not None
        and sid == participation.structure_id
        and _reaches(participation.project_id, structure_space_q(user))
    )


rules.add_perm("followup.view_project", reads_project)
rules.add_perm("followup.enter_answers", enters_for_project)
rules.add_perm("followup.answer_questionnaire", answers_for_structure)
