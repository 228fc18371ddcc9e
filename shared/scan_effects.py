"""What a scan does to an attendee's state: the one reducer the kiosk and the server both fold.

``apply_scan(state, scan)`` decides the scan with the rules of ``shared.decisions`` and, if the
verdict lets it through, returns the state with its effect; ``undo`` takes an effect back. The
kiosk folds the scans still in its outbox onto the server's last word; the server folds every
uploaded batch, in occurrence order, onto the state it loads for the batch's attendees. Where the
kiosk let a scan through and the server's fold refuses it (a lunch already eaten at another
offline kiosk, an order refunded meanwhile), the server records a conflict.

Check-ins and exits are kept as the set of ``passages`` when the whole set is known (the server),
so the summary is the same whatever order late scans arrive in: the first check-in is the earliest,
the last one the latest, and the attendee is inside if their latest passage was a check-in. A
kiosk knows only the summary and applies its own scans (its newest) on top.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from shared.checkin_lists import CompiledList, admit
from shared.decisions import AttendeeState, Outcome, Passage, Reason, ScanKind, Verdict, decide

CHECK_IN, EXIT, DOOR_CHECK, REDEMPTION = ScanKind.CHECK_IN, ScanKind.EXIT, ScanKind.DOOR_CHECK, ScanKind.REDEMPTION
UNDO = "undo"
RECORDS = frozenset({"failed_scan", "badge_printed"})  # a record of what happened, nothing to apply


@dataclass(frozen=True)
class Scan:
    """One scan as both sides see it (a kiosk's outbox row, an uploaded ``ScanEvent``)."""

    kind: str  # check_in | exit | door_check | redemption | undo | failed_scan | badge_printed
    at: dt.datetime
    station: str = ""
    product_type: str | None = None  # ticket_type | addon, for door checks and redemptions
    product_id: int | None = None


@dataclass(frozen=True)
class Step:
    """A scan folded into a state: the verdict, and the state after it (unchanged if refused)."""

    state: AttendeeState | None
    verdict: Verdict
    checkin_list: CompiledList | None = None  # the list whose rules refused it, when they did

    @property
    def crossed_a_limit(self) -> bool:
        """The rules refuse it: a kiosk that let it through made a conflict."""
        return self.verdict.outcome is Outcome.REFUSE


def apply_scan(state: AttendeeState | None, scan: Scan, checkin: CompiledList | None = None,
               passages: tuple[Passage, ...] | None = None) -> Step:
    """Decide ``scan`` against ``state``; an admitted scan changes the state by its effect.

    ``checkin``: the check-in list of the scan's station, whose rules a check-in must also pass, over
    ``passages`` (every passage known of the attendee; the state's own when None). No list: the
    station admits as it always has."""
    if scan.kind in RECORDS:
        return Step(state, Verdict(Outcome.ACCEPT, Reason.OK, state))
    if scan.kind == UNDO:
        raise ValueError("an undo is folded with undo(), which needs the scan it takes back")
    verdict = decide(ScanKind(scan.kind), state, product_type=scan.product_type or "addon", product_id=scan.product_id)
    if not verdict.admitted or state is None:
        return Step(state, verdict)
    if checkin is not None and scan.kind == CHECK_IN:
        known = passages if passages is not None else state.passages or ()
        ruled = admit(checkin, state, at=scan.at, station=scan.station, passages=known)
        if not ruled.allowed:
            return Step(state, Verdict(Outcome.REFUSE, Reason.CHECKIN_RULE, state, explanation=ruled.explanation,
                                       reasons=ruled.reasons),
                        checkin)
    return Step(effect(state, scan), verdict)


def undo(state: AttendeeState, original: Scan | None) -> AttendeeState:
    """Take back the effect of ``original`` (None: a scan that had no effect, nothing to take back)."""
    if original is None:
        return state
    if original.kind in (CHECK_IN, EXIT):
        passage = Passage(original.at, original.kind == CHECK_IN, original.station)
        if state.passages is not None:
            remaining = list(state.passages)
            # The same passage, else one of the same kind at the same moment recorded under another station name.
            match = passage if passage in remaining else next(
                (p for p in remaining if (p.at, p.entering) == (passage.at, passage.entering)), None)
            if match is not None:
                remaining.remove(match)
            return with_passages(state, remaining)
        # Only the summary is known: until the server's answer, assume the scan never happened.
        if original.kind == EXIT:
            return replace(state, inside=True)
        first = None if state.checked_in_at == original.at else state.checked_in_at
        return replace(state, inside=False, last_check_in_at=None, last_check_in_station="", checked_in_at=first)
    if original.kind == REDEMPTION:
        return _redeemed(state, original.product_id, -1)
    return state  # a door check changes nothing a later decision reads


def with_passages(state: AttendeeState, passages: Iterable[Passage]) -> AttendeeState:
    """The state with this full set of check-ins and exits, its summary derived from them."""
    ordered = tuple(sorted(passages))
    entries = [p for p in ordered if p.entering]
    last = entries[-1] if entries else None
    return replace(
        state, passages=ordered, inside=bool(ordered) and ordered[-1].entering,
        checked_in_at=entries[0].at if entries else None,
        last_check_in_at=last.at if last else None, last_check_in_station=last.station if last else "",
    )


def effect(state: AttendeeState, scan: Scan) -> AttendeeState:
    """What an admitted scan changes (a kiosk's own waiting scans were decided already: only their effect counts)."""
    if scan.kind in (CHECK_IN, EXIT):
        passage = Passage(scan.at, scan.kind == CHECK_IN, scan.station)
        if state.passages is not None:
            return with_passages(state, [*state.passages, passage])
        if scan.kind == EXIT:
            return replace(state, inside=False)
        # The first check-in time stays (the arrival); re-entry moves the last one.
        first = scan.at if state.checked_in_at is None else min(state.checked_in_at, scan.at)
        if state.last_check_in_at is not None and scan.at < state.last_check_in_at:
            return replace(state, checked_in_at=first)
        return replace(state, inside=True, checked_in_at=first, last_check_in_at=scan.at,
                       last_check_in_station=scan.station)
    if scan.kind == REDEMPTION:
        return _redeemed(state, scan.product_id, +1)
    return state  # a door check is recorded, it changes nothing a later decision reads


def _redeemed(state: AttendeeState, addon_id: int | None, step: int) -> AttendeeState:
    holdings = tuple(
        replace(h, redeemed=max(h.redeemed + step, 0)) if h.product_type == "addon" and h.product_id == addon_id else h
        for h in state.holdings
    )
    return replace(state, holdings=holdings)
