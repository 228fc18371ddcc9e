"""A conference's sections in the console menu, and the least role that opens each.

The menu shows a role only what it may open: each page's own ``conference_for(..., at_least=...)``
is the guard, this table is what the menu offers, and tests/web/test_roles.py checks over HTTP that
every link a role is shown opens and every section it is not shown answers 404 — and that the roles
table in the README says the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from server.users.models import Role


@dataclass(frozen=True)
class Section:
    path: str  # under /conferences/{slug}/
    label: str
    opens_from: Role  # the least role that may open it


SECTIONS: tuple[Section, ...] = (
    # the door (issue 17), then the sales (issue 18)
    Section("dashboard", "Dashboard", Role.VIEWER),
    Section("zones", "Zones", Role.VIEWER),
    Section("devices", "Devices", Role.DOOR_LEAD),
    Section("attendees", "Attendees", Role.VIEWER),
    Section("conflicts", "Conflicts", Role.DOOR_LEAD),
    Section("exports", "Exports", Role.VIEWER),
    Section("orders", "Orders", Role.VIEWER),
    Section("walk-ins", "Walk-ins", Role.DOOR_LEAD),
    Section("products", "Tickets & add-ons", Role.VIEWER),
    Section("vouchers", "Vouchers", Role.VIEWER),
    Section("sponsors", "Sponsors", Role.VIEWER),
    Section("import", "Import", Role.ORGANIZER),
    Section("settings", "Settings", Role.ORGANIZER),
)

# Voucher and bulk purchase codes are free tickets: only those who hand them out see them (pages and
# CSVs); the other roles see how many there are and how many were used.
SEES_CODES = Role.ORGANIZER


def sections_for(role: Role | None) -> list[Section]:
    """The sections ``role`` may open, in menu order (none without a role)."""
    return [s for s in SECTIONS if role is not None and role.at_least(s.opens_from)]


def sees_codes(role: Role | None) -> bool:
    """True when ``role`` may read voucher and bulk purchase codes."""
    return role is not None and role.at_least(SEES_CODES)
