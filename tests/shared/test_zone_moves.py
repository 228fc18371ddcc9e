"""The rule of who is where (shared.zone_moves), which kiosks and the server both fold: the same place
whatever order the moves arrive in, and counts that follow each move."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from shared.zone_moves import (
    NOWHERE,
    Alarm,
    AtFull,
    Whereabouts,
    Zone,
    ZoneDoor,
    ZoneMap,
    ZoneRole,
    alarm,
    count_changes,
    full_zone,
)

T0 = dt.datetime(2026, 6, 10, 8, 0, tzinfo=dt.UTC)
# The venue (1) holds halls 2 and 3; hall 2 holds rooms 4 and 5, hall 3 room 6.
ZONES = ZoneMap([Zone(1, "Venue", 100), Zone(2, "Hall 1", 50, 1), Zone(3, "Hall 2", 50, 1),
                 Zone(4, "Room A", 2, 2, AtFull.REFUSE), Zone(5, "Room B", 2, 2), Zone(6, "Room C", 2, 3)])
doors = st.one_of(
    st.builds(ZoneDoor, st.sampled_from([ZoneRole.ENTRY, ZoneRole.EXIT]), st.integers(1, 6)),
    st.sampled_from([ZoneDoor(ZoneRole.TRANSFER, 4, 5), ZoneDoor(ZoneRole.TRANSFER, 5, 4),
                     ZoneDoor(ZoneRole.TRANSFER, 2, 3)]))
moves = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 5), doors), max_size=30)  # few seconds: ties are common


def fold(history) -> dict[int, Whereabouts]:
    where: dict[int, Whereabouts] = {}
    for person, second, door in history:
        where[person] = ZONES.moved(where.get(person, NOWHERE), door, T0 + dt.timedelta(seconds=second))
    return where


@given(history=moves, order=st.randoms(use_true_random=False))
def test_the_same_place_whatever_order_the_moves_arrive_in(history, order):
    shuffled = list(history)
    order.shuffle(shuffled)
    assert fold(shuffled) == fold(history)


@given(history=moves)
def test_a_person_is_in_one_room_of_a_hall_and_the_counts_follow_each_move(history):
    people_at: dict[int, int] = {}
    counted = dict.fromkeys(ZONES.zones, 0)
    where: dict[int, Whereabouts] = {}
    for person, second, door in sorted(history, key=lambda m: m[1]):
        before = where.get(person, NOWHERE)
        after = ZONES.moved(before, door, T0 + dt.timedelta(seconds=second))
        for zone_id, change in count_changes(ZONES, before, after).items():
            counted[zone_id] += change
        where[person] = after
    for w in where.values():
        if w.zone_id is not None:
            people_at[w.zone_id] = people_at.get(w.zone_id, 0) + 1
            assert sum(1 for room in (4, 5, 6) if room in ZONES.path(w.zone_id)) <= 1
    assert counted == ZONES.occupancy(people_at)


def test_entering_a_room_leaves_the_room_one_was_in():
    in_a = ZONES.moved(NOWHERE, ZoneDoor(ZoneRole.ENTRY, 4), T0)
    in_b = ZONES.moved(in_a, ZoneDoor(ZoneRole.ENTRY, 5), T0 + dt.timedelta(minutes=1))
    assert ZONES.path(in_b.zone_id) == (1, 2, 5)
    assert count_changes(ZONES, in_a, in_b) == {4: -1, 5: +1}
    left = ZONES.moved(in_b, ZoneDoor(ZoneRole.EXIT, 1), T0 + dt.timedelta(minutes=2))
    assert left.zone_id is None  # out of the venue: out of its halls and rooms


def test_alarms_and_the_door_of_a_full_room():
    assert [alarm(n, 300) for n in (239, 240, 284, 285, 299, 300, 301)] == [
        None, Alarm.FILLING, Alarm.FILLING, Alarm.NEARLY_FULL, Alarm.NEARLY_FULL, Alarm.FULL, Alarm.FULL]
    assert alarm(5, 0) is None  # no capacity: counted, never full
    inside = ZONES.occupancy({4: 2, 5: 2})
    refused = full_zone(ZONES, inside, Whereabouts(None, 2), ZoneDoor(ZoneRole.ENTRY, 4))
    assert refused is not None and refused.refuses and refused.message() == "Room A full: 2 of 2"
    warned = full_zone(ZONES, inside, Whereabouts(None, 2), ZoneDoor(ZoneRole.ENTRY, 5))
    assert warned is not None and not warned.refuses
    assert full_zone(ZONES, inside, Whereabouts(None, 4), ZoneDoor(ZoneRole.ENTRY, 4)) is None  # already inside
