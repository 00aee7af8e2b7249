"""Who sees the register and exports a person's data: administrators only."""

import rules

from accounts.rules import is_admin

rules.add_perm("privacy.view_register", is_admin)
rules.add_perm("privacy.export_subject", is_admin)
