"""A conference's sections in the console menu, and the least role that opens each.

The menu shows a role only what it may open: each page's own ``conference_for(..., at_least=...)``
is the guard, this table is what the menu offers, and tests/web/test_roles.py checks over HTTP that
every link a role is shown opens and every section it is not shown answers 404 — and that the roles
table in the README says the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from server.users.models import Role
from shared.languages import N_


@dataclass(frozen=True)
class Section:
    path: str  # under /conferences/{slug}/
    label: str
    opens_from: Role  # the least role that may open it


SECTIONS: tuple[Section, ...] = (
    # the door first (what a volunteer lead needs on the day), then the sales
    Section("dashboard", N_("Dashboard"), Role.VIEWER),
    Section("zones", N_("Zones"), Role.VIEWER),
    Section("devices", N_("Devices"), Role.DOOR_LEAD),
    Section("attendees", N_("Attendees"), Role.VIEWER),
    Section("conflicts", N_("Conflicts"), Role.DOOR_LEAD),
    Section("exports", N_("Exports"), Role.VIEWER),
    Section("orders", N_("Orders"), Role.VIEWER),
    Section("walk-ins", N_("Walk-ins"), Role.DOOR_LEAD),
    Section("products", N_("Tickets & add-ons"), Role.VIEWER),
    Section("checkin-lists", N_("Check-in lists"), Role.VIEWER),
    Section("vouchers", N_("Vouchers"), Role.VIEWER),
    Section("sponsors", N_("Sponsors"), Role.VIEWER),
    Section("import", N_("Import"), Role.ORGANIZER),
    Section("settings", N_("Settings"), Role.ORGANIZER),
    Section("lookups", N_("Lookups"), Role.OWNER),  # who searched for whom at the kiosks
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
