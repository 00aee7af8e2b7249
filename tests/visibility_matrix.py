"""The visibility matrix of an IC's exchanges, declared once and by hand: for every level
(team, prestataire, structures, all) and every role around the IC, who sees a message, its
attachment, a document and its file; who sees the DLA team's private notes.

Written from the product's promise (README, issue 16), never read from ``cycle/audiences.py``:
if the code drifts, the tests built on it fail."""

LEVELS = ("team", "prestataire", "structures", "all")
# 1: sees (listed, opened, downloaded); 0: sees nothing of it (neither listed nor served).
#                       team  prest  struct  all    private notes
MATRIX = {
    "pilot":            (1,    1,     1,      1,     1),
    "other_cm":         (0,    0,     0,      0,     0),  # a DLA elsewhere
    "c2ra":             (1,    1,     1,      1,     1),  # the IC's region
    "other_c2ra":       (0,    0,     0,      0,     0),  # another region
    "admin":            (1,    1,     1,      1,     1),
    "chosen":           (0,    1,     0,      1,     0),  # intervenant of the firm chosen
    "not_chosen":       (0,    0,     0,      0,     0),  # invited to tender, not chosen
    "structure":        (0,    0,     1,      1,     0),  # committed to this IC
    "other_structure":  (0,    0,     0,      0,     0),  # committed to another IC
    "contacted":        (0,    0,     0,      0,     0),  # on this IC, not committed
    "anonymous":        (0,    0,     0,      0,     0),
}
ROLES = tuple(MATRIX)


def sees(role, level) -> bool:
    return bool(MATRIX[role][LEVELS.index(level)])


def sees_notes(role) -> bool:
    return bool(MATRIX[role][len(LEVELS)])


# A deleted document (soft delete, with its reason) stays in the IC's history for the DLA
# team only, whatever it was shared with.
READS_DELETED = {"pilot", "c2ra", "admin"}
