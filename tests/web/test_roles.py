"""What each role may do is ordered: a role may do everything the roles below it may."""

from __future__ import annotations

from server.users.models import Role


def test_roles_are_ordered_owner_organizer_door_lead_viewer():
    order = [Role.VIEWER, Role.DOOR_LEAD, Role.ORGANIZER, Role.OWNER]
    for i, role in enumerate(order):
        assert [other for other in order if role.at_least(other)] == order[:i + 1]
    assert Role("door_lead").label == "door lead"
