"""The sync wire protocol between kiosk and server (pydantic, JSON over HTTP).

Version 1. Every route lives under /api/v1/sync and needs ``Authorization: Bearer <device token>``.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Any, Self
from uuid import UUID

from pydantic import AfterValidator, AliasChoices, AwareDatetime, BaseModel, ConfigDict, Field, model_validator

MAX_EVENTS_PER_UPLOAD = 1000
MAX_PAGE_SIZE = 5000
MAX_CURSOR = 2**63 - 1  # change-feed versions are 64-bit (BIGINT)
MAX_ID = 2**31 - 1  # row ids are 32-bit (INTEGER on PostgreSQL)


# Input a database can store as it is. What fails these checks would otherwise fail in the
# database, half-way through a request, as a 500 (PostgreSQL refuses NUL in text; a lone
# surrogate is not UTF-8; a time that cannot be expressed in UTC cannot be stored in UTC).

def _storable_text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode (it contains a lone surrogate)") from None
    return value


def _storable_time(value: dt.datetime) -> dt.datetime:
    try:
        value.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError("is out of range once converted to UTC") from None
    return value


Text = Annotated[str, AfterValidator(_storable_text)]
Timestamp = Annotated[AwareDatetime, AfterValidator(_storable_time)]  # with its time zone, always
RowId = Annotated[int, Field(ge=1, le=MAX_ID)]


class PairRequest(BaseModel):
    pairing_code: Text = Field(min_length=4, max_length=64)


class ConferenceInfo(BaseModel):
    slug: str
    name: str
    timezone: str
    badge_public_key: str  # base64 of the raw 32-byte Ed25519 key
    previous_badge_public_key: str = ""  # still accepted after a key rotation, until the next one
    first_day: dt.date | None = None  # the conference's days (check-in rules' "conference day"); older servers: none
    last_day: dt.date | None = None
    # From this moment kiosks delete what they hold of the conference (its last day + the days the
    # organisers set); None while the conference has no last day set.
    wipe_kiosks_at: dt.datetime | None = None


class PairResponse(BaseModel):
    device_id: int
    device_token: str
    station: str
    conference: ConferenceInfo
    # Made with the server's database: a kiosk paired again elsewhere (or to a fresh database) knows its
    # cache belongs to another server. "" from servers older than this field.
    server_id: str = ""


# ``product_type`` travels as "kind" from the server to kiosks: kiosks in the field read that name
# (and keep holdings as sent), so it stays on the wire until they are all replaced.
_WIRE_KIND = ConfigDict(validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)


class HoldingRecord(BaseModel):
    model_config = _WIRE_KIND

    product_type: str = Field(alias="kind")  # ticket_type | addon
    product_id: int
    name: str
    quantity: int
    redeemed: int
    line_item_id: int | None = None


class AttendeeRecord(BaseModel):
    """An attendee as the server knows them, with everything a scan decision needs."""

    id: int
    access_code: str
    first_name: str
    last_name: str
    email: str
    company: str
    ticket_type: str
    order_status: str | None
    checked_in_at: dt.datetime | None
    last_check_in_at: dt.datetime | None
    last_check_in_station: str
    inside: bool
    holdings: list[HoldingRecord]
    version: int
    badge_printed_at: dt.datetime | None = None  # the last badge printed at any station (print stations ask)
    badge_printed_station: str = ""
    # Every check-in and exit not taken back, when the conference has check-in lists (their rules count
    # entries): a kiosk decides from these plus its own scans. Empty otherwise, and from older servers.
    passages: list[PassageRecord] = []
    # The attendee's language (shared.languages.SHIPPED_LANGUAGES), "" when not known (and from older servers):
    # a print station prints the badge's fixed words in it.
    language: str = ""


class PassageRecord(BaseModel):
    at: dt.datetime
    entering: bool
    station: str


class CheckinListRecord(BaseModel):
    """A check-in list (``shared.checkin_lists.CheckinList``) as the change feed carries it."""

    id: int
    name: str
    ticket_type_ids: list[int]
    addon_ids: list[int]
    allow_multiple_entries: bool
    allow_entry_after_exit: bool
    days: list[int]
    opens: str | None  # "08:00" on the venue's clock
    closes: str | None
    stations: list[str]
    rules: dict[str, Any] | None
    version: int


class ProductRecord(BaseModel):
    model_config = _WIRE_KIND

    product_type: str = Field(alias="kind")  # ticket_type | addon
    id: int
    name: str
    version: int


class FeedFormat(enum.StrEnum):
    """How ``GET /api/v1/sync/changes?format=…`` sends a page's attendees.

    "objects" (format 1, what a kiosk that names no format gets): ``attendees`` is a list of
    ``AttendeeRecord``. "rows": the page also says ``"format": "rows"`` and ``columns`` (wire names of
    ``AttendeeRecord`` fields; which ones may differ by server and device), and ``attendees`` is a list
    of rows, one value a column, ``holdings`` a JSON text of a list of arrays [product type, product
    id, name, quantity, redeemed, line item id] (HoldingRecord's fields in order); the rest of the
    page as in ``ChangesPage``. A server older than "rows" ignores the parameter and sends objects
    (the kiosk reads either); a format a server does not know is refused with 422 naming those it has.
    """

    OBJECTS = "objects"
    ROWS = "rows"


class ZoneRecord(BaseModel):
    """A zone and how many are inside it (its rooms' people included), as the server counted at ``ChangesPage.zones_as_of``."""

    id: int
    name: str
    capacity: int
    parent_id: int | None = None
    at_full: str = "warn"  # shared.zone_moves.AtFull
    inside: int = 0


class ChangesPage(BaseModel):
    """Changes after ``after``; ask again with ``after=next_cursor`` while ``has_more``."""

    next_cursor: int
    has_more: bool
    attendees: list[AttendeeRecord]
    products: list[ProductRecord]
    checkin_lists: list[CheckinListRecord] = []  # changed after the cursor (older servers: none)
    conference: ConferenceInfo | None = None  # with every page: a key rotation reaches kiosks on their next sync
    server_id: str = ""  # as at pairing; "" from older servers
    # The conference's highest version on the server. A kiosk whose cursor is above it holds what the
    # server no longer has (its database was restored from a backup): it downloads everything again.
    last_version: int | None = None
    # Every zone of the conference with its count, on every page that carries changes (a few dozen
    # rows); None on an answer with nothing new: the kiosk's figures are still right, as of now.
    zones: list[ZoneRecord] | None = None
    zones_as_of: dt.datetime | None = None


class EventKind(enum.StrEnum):
    CHECK_IN = "check_in"
    EXIT = "exit"
    DOOR_CHECK = "door_check"
    REDEMPTION = "redemption"
    FAILED_SCAN = "failed_scan"
    BADGE_PRINTED = "badge_printed"
    UNDO = "undo"  # takes back the scan ``undoes`` (the volunteer scanned the wrong badge)


class ScanEvent(BaseModel):
    """Something that happened at a kiosk. ``uuid`` is made by the kiosk: uploads are idempotent by it."""

    model_config = ConfigDict(extra="forbid", validate_by_name=True)

    uuid: UUID
    kind: EventKind
    access_code: Text = Field(max_length=16)
    occurred_at: Timestamp
    station: Text = Field(default="", max_length=100)
    # Kiosks before this name send "product_kind": still accepted.
    product_type: str | None = Field(default=None, pattern="^(ticket_type|addon)$",
                                     validation_alias=AliasChoices("product_type", "product_kind"))
    product_id: RowId | None = None
    reason: Text = Field(default="ok", max_length=40)  # the kiosk's verdict reason; for an undo, the undone kind
    undoes: UUID | None = None
    # The station's zone role (shared.zone_moves.ZoneDoor), when it has one: where the scan takes someone.
    zone_role: str | None = Field(default=None, pattern="^(entry|exit|transfer)$")
    zone_id: RowId | None = None
    to_zone_id: RowId | None = None

    @model_validator(mode="after")
    def _an_undo_names_what_it_undoes(self) -> Self:
        if self.kind is EventKind.UNDO and self.undoes is None:
            raise ValueError("an undo event needs 'undoes', the uuid of the scan it takes back")
        return self

    @model_validator(mode="after")
    def _a_zone_role_names_its_zones(self) -> Self:
        if (self.zone_role is None) != (self.zone_id is None):
            raise ValueError("'zone_role' and 'zone_id' come together")
        if (self.zone_role == "transfer") != (self.to_zone_id is not None):
            raise ValueError("a transfer names 'to_zone_id', and only a transfer does")
        return self


class DeviceHealth(BaseModel):
    """How a kiosk is doing: ``POST /api/v1/sync/health`` at the end of every sync round that reached
    the server (fleet health on the admin's devices page).

    A round of its own rather than a field of the upload, because a kiosk with nothing to upload
    sends no upload. Every field has a harmless default: a kiosk older than this sends no report
    and still syncs; a newer one may add fields, which an older server ignores; a newer kiosk
    asking an older server (404) stops asking.
    """

    app_version: Text = Field(default="", max_length=40)
    last_sync_at: Timestamp | None = None  # the kiosk's last round that went through, upload and download
    events_waiting: int = Field(default=0, ge=0, le=MAX_ID)  # scans waiting to upload (not those set aside)
    oldest_waiting_at: Timestamp | None = None  # when the oldest of those was scanned
    events_set_aside: int = Field(default=0, ge=0, le=MAX_ID)  # refused by the server, kept at the kiosk
    last_error: Text = Field(default="", max_length=300)  # the last round's trouble in words; "" when it went well
    printer: Text = Field(default="", max_length=200)  # "" when the station prints nothing; "ready", or what is wrong
    station: Text = Field(default="", max_length=100)  # as set up at the kiosk (may differ from when it was paired)
    mode: Text = Field(default="", max_length=40)  # check_in | exit | door_check | redemption | badge_printing


class UploadRequest(BaseModel):
    events: list[ScanEvent] = Field(max_length=MAX_EVENTS_PER_UPLOAD)


class EventStatus(enum.StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    REJECTED = "rejected"


class EventResult(BaseModel):
    uuid: UUID
    status: EventStatus
    reason: str = "ok"


class UploadResponse(BaseModel):
    results: list[EventResult]


class LookupKind(enum.StrEnum):
    SEARCH = "search"  # words typed into a kiosk's search
    LOOKUP = "lookup"  # an attendee opened from the results


class KioskLookup(BaseModel):
    """Who looked up whom at a kiosk; uploaded after the scans, stored once by ``uuid``."""

    model_config = ConfigDict(extra="forbid")

    uuid: UUID
    kind: LookupKind
    query: Text = Field(default="", max_length=200)
    access_code: Text = Field(default="", max_length=16)
    station: Text = Field(default="", max_length=100)
    occurred_at: Timestamp


class LookupUpload(BaseModel):
    lookups: list[KioskLookup] = Field(max_length=MAX_EVENTS_PER_UPLOAD)


class LookupReceipt(BaseModel):
    stored: list[UUID]  # every uuid of the upload, new or already stored: the kiosk may forget them


PAIRING_QR_PREFIX = "doorstation-pair:"


def pairing_payload(pairing_code: str, server_url: str = "") -> str:
    """What the pairing QR holds: the code, and the server's address when the admin gave it."""
    return f"{PAIRING_QR_PREFIX}{pairing_code}@{server_url}" if server_url else pairing_code


def parse_pairing_payload(text: str) -> tuple[str, str]:
    """(pairing code, server URL or "") from a scanned pairing QR or a typed code."""
    text = text.strip()
    if text.startswith(PAIRING_QR_PREFIX):
        code, _, url = text[len(PAIRING_QR_PREFIX):].partition("@")
        return code, url
    return text, ""


# Print jobs: badges the console sends to one print station (GET /api/v1/sync/print-jobs). A kiosk
# prints each once: it records the job id as printed in its cache before it acknowledges
# (POST /api/v1/sync/print-jobs/{id}/ack), and an acknowledged job is never handed out again; a job
# handed out twice (the kiosk died before its ack) is recognised by its id and only acknowledged.
# Separate routes, so a kiosk older than them syncs as before and a server older than them (404)
# just has no jobs.

class PrintJobRecord(BaseModel):
    id: int
    access_code: str
    first_name: str
    last_name: str
    company: str = ""
    ticket_type: str = ""
    payload: str = ""  # the signed badge payload; "" lets the kiosk fetch or fall back as for any badge
    requested_by: str = ""
    language: str = ""  # the attendee's, "" when not known: the badge's fixed words are printed in it


class PrintJobsPage(BaseModel):
    jobs: list[PrintJobRecord]


class PrintJobOutcome(enum.StrEnum):
    PRINTED = "printed"
    FAILED = "failed"


class PrintJobAck(BaseModel):
    outcome: PrintJobOutcome = PrintJobOutcome.PRINTED
    detail: Text = Field(default="", max_length=300)  # the printer's words when it failed
