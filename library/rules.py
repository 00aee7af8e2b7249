"""Who reads the library and who marks « à diffuser ».

Reading: capitalisation is shared across the DLA network, so every chargé de mission of
any DLA, every C2RA staffer and admins, in all of France: the same people who may export
ICs (cycle.rules.can_export_projects). Not intervenants: prestataires outside the network,
who see only the ICs they are assigned to.

Marking: the C2RA of the monograph's region (and admins). The C2RA is its region's resource
centre and compiles carnets from the ICs it sees, which are its region's (cycle.rules): a
mark elsewhere would be one no carnet of its own could use.
"""

import rules

from accounts.rules import is_admin
from cycle.models import Project
from cycle.rules import can_export_projects, region_q


@rules.predicate
def may_mark(user, project) -> bool:
    if project is None or not user.is_authenticated:
        return False
    if is_admin(user):
        return True
    return Project.objects.filter(region_q(user), pk=project.pk).exists()


rules.add_perm("library.view_library", can_export_projects)
rules.add_perm("library.mark_for_dissemination", may_mark)
rules.add_rule("library.view_library", can_export_projects)  # the menu's, as stats.rules
