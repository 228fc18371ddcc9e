"""Attendee import from CSV: all or nothing, bad lines reported with their number and reason.

The file is read as a stream (decoded and parsed a buffer at a time, never copied whole into one
string) and only the first ``SHOWN_PROBLEMS`` problems are kept, with a count of all of them: a file
of a million bad lines costs the memory of a hundred problems, and its page lists a hundred.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.attendees.access_codes import PATTERN as ACCESS_CODE_PATTERN
from server.attendees.bulk import TicketHolder, write_ticket_holders
from server.attendees.models import Attendee
from server.attendees.service import UNKNOWN_LANGUAGE, UnknownLanguage, attendee_language
from server.capacity.service import validate_global_capacity, validate_product_quantity
from server.conferences.models import AddOn, Conference, TicketType
from server.errors import InvalidInput
from shared.email_address import is_email_address
from shared.languages import N_, Marked

REQUIRED_COLUMNS = ("first_name", "email", "ticket_type")
OPTIONAL_COLUMNS = ("last_name", "company", "access_code", "add_ons", "language")
FIELD_LIMITS = {"first_name": 100, "last_name": 100, "email": 254, "company": 200}
MAX_ROWS = 500_000
SHOWN_PROBLEMS = 100  # the problems kept and shown, by line; the rest are counted


class Problems:
    """The first ``keep`` problems by line number, and how many there were in all.

    Problems arrive mostly in line order, but not only (a line repeating an earlier one is found
    after the whole file is read), so the kept ones are sorted now and then and cut back to ``keep``.
    """

    def __init__(self, keep: int = SHOWN_PROBLEMS) -> None:
        self.keep = keep
        self.total = 0
        self._kept: list[tuple[int, str]] = []

    def add(self, line: int, reason: str) -> None:
        self.total += 1
        self._kept.append((line, reason))
        if len(self._kept) >= 2 * self.keep:
            self._kept.sort()
            del self._kept[self.keep:]

    def first(self) -> list[tuple[int, str]]:
        return sorted(self._kept)[: self.keep]


class ImportRejected(InvalidInput):
    """The file was refused; ``problems`` lists the first (line number, reason), line 1 being the header,
    and ``total`` how many problems there were in all."""

    code = "import_rejected"

    def __init__(self, problems: list[tuple[int, str]], total: int | None = None) -> None:
        self.problems = problems
        self.total = len(problems) if total is None else total
        lines = "\n".join(f"line {line}: {reason}" for line, reason in problems)
        more = f"\n… and {self.total - len(problems)} more" if self.total > len(problems) else ""
        super().__init__(f"Nothing was imported: {self.total} problem(s).\n{lines}{more}")

    @classmethod
    def of(cls, problems: Problems) -> ImportRejected:
        return cls(problems.first(), problems.total)


@dataclass(frozen=True)
class ImportResult:
    imported: int  # in a dry run: how many would be
    # (line, what it matched) for each row skipped because that attendee is already in the conference
    already_there: list[tuple[int, str]] = field(default_factory=list)
    # (line, ticket holder) for each row imported, or to be imported (a dry run's preview)
    rows: list[tuple[int, TicketHolder]] = field(default_factory=list)


def _by_slug_and_name(items):
    lookup = {}
    for item in items:
        lookup[item.slug.lower()] = item
        lookup[item.name.lower()] = item
    return lookup


def _parse_addons(text: str, addons: dict[str, AddOn]) -> tuple[tuple[AddOn, int], ...]:
    """``lunch; tutorial-rust*2``: add-on slugs or names, optional ``*quantity``."""
    parsed: dict[AddOn, int] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        name, _, quantity_text = part.partition("*")
        addon = addons.get(name.strip().lower())
        if addon is None:
            raise ValueError(Marked(N_("unknown add-on '%(name)s'"), name=name.strip()))
        quantity_text = quantity_text.strip()
        if quantity_text and (not quantity_text.isdigit() or int(quantity_text) == 0):
            raise ValueError(Marked(N_("bad quantity '%(quantity)s' for add-on '%(name)s'"), quantity=quantity_text,
                                    name=addon.name))
        parsed[addon] = parsed.get(addon, 0) + int(quantity_text or 1)
    return tuple(parsed.items())


def _rows(reader: csv.DictReader, problems: Problems):
    """(line, row) for each row; a row the csv module cannot read (a field over its size limit) is
    a problem of that line, and reading goes on with the next one."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            # line_num counts the lines read before the one that failed.
            problems.add(reader.line_num + 1, Marked(N_("cannot be read as CSV: %(error)s"), error=str(error)))
            continue
        yield reader.line_num, row


def import_attendees(session: Session, conference: Conference, source: Path | str | bytes | BinaryIO, *,
                     allow_duplicates: bool = False, dry_run: bool = False) -> ImportResult:
    """Import a CSV (columns: first_name, email, ticket_type; optional last_name, company, access_code, add_ons,
    language: the attendee's, for their badge: "de", "de-DE", "pt-br", "Deutsch"; empty when not known).

    Every row becomes a PAID order holding one ticket and the listed add-ons, and one attendee.
    Either every row is valid and all are written, or nothing is and ImportRejected lists the first
    ``SHOWN_PROBLEMS`` problems by line and how many there are in all.

    A row whose attendee is already in the conference — the same email (in any case) with the same
    ticket type, and the same access code if the row gives one — is skipped and listed in
    ``already_there``, so importing a file again imports nothing twice. ``allow_duplicates``
    imports such rows anyway (two people sharing an email address).

    ``dry_run`` checks everything an import checks (capacity included) and writes nothing: the
    console's preview, so that what the confirmation imports was seen first, with the same rules.
    """
    if isinstance(source, Path):
        with source.open("rb") as file:
            return import_attendees(session, conference, file, allow_duplicates=allow_duplicates, dry_run=dry_run)
    stream = io.BytesIO(source.encode() if isinstance(source, str) else source) if isinstance(source, (str, bytes)) \
        else source
    start = stream.tell()
    # Decoded and parsed a buffer at a time, never copied whole into one string.
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        return _import(session, conference, csv.DictReader(text), allow_duplicates=allow_duplicates, dry_run=dry_run)
    except UnicodeDecodeError:
        stream.seek(start)
        raise ImportRejected([(_first_line_not_utf8(stream), Marked(N_("the file is not UTF-8 text")))]) from None
    finally:
        text.detach()  # the caller's file stays open: it is theirs to close


def _first_line_not_utf8(stream: BinaryIO, chunk: int = 1 << 20) -> int:
    """The line number of the first byte that is not UTF-8, read a megabyte at a time."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 1
    while True:
        data = stream.read(chunk)
        held = decoder.getstate()[0]  # the first bytes of a character the last chunk cut, held back
        try:
            decoder.decode(data, final=not data)
        except UnicodeDecodeError as error:
            return lines + (held + data).count(b"\n", 0, max(error.start, 0))
        if not data:
            return lines
        lines += data.count(b"\n")


def _import(session: Session, conference: Conference, reader: csv.DictReader, *, allow_duplicates: bool,
            dry_run: bool) -> ImportResult:
    try:
        header = [h.strip().lower() for h in reader.fieldnames or []]
    except csv.Error as error:
        raise ImportRejected([(1, Marked(N_("cannot be read as CSV: %(error)s"), error=str(error)))]) from None
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        found = Marked(N_("missing column(s): %(missing)s (found: %(found)s)"), missing=", ".join(missing),
                       found=", ".join(header)) if header else \
            Marked(N_("missing column(s): %(missing)s (found: nothing)"), missing=", ".join(missing))
        raise ImportRejected([(1, found)])
    unknown = [c for c in header if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        raise ImportRejected([(1, Marked(N_("unknown column(s): %(columns)s"), columns=", ".join(unknown)))])
    twice = [c for c, n in Counter(header).items() if n > 1]
    if twice:
        # DictReader would keep only the last of them: a silent loss of the other column's data.
        raise ImportRejected([(1, Marked(N_("column(s) named more than once: %(columns)s"), columns=", ".join(twice)))])
    reader.fieldnames = header

    ticket_types = _by_slug_and_name(session.scalars(select(TicketType).where(TicketType.conference_id == conference.id)))
    addons = _by_slug_and_name(session.scalars(select(AddOn).where(AddOn.conference_id == conference.id)))
    problems = Problems()
    holders: list[TicketHolder] = []
    holder_lines: list[int] = []
    code_lines: dict[str, int] = {}
    for line, row in _rows(reader, problems):
        if len(holders) + problems.total >= MAX_ROWS:
            problems.add(line, Marked(N_("more than %(rows)s rows; split the file"), rows=MAX_ROWS))
            break
        if None in row:
            problems.add(line, Marked(N_("%(fields)s fields, the header has %(header)s"),
                                      fields=len(header) + len(row[None]), header=len(header)))
            continue
        values = {k: (v or "").strip() for k, v in row.items()}
        if not any(values.values()):
            continue  # a blank line is not an attendee, nor an error
        reasons: list[str] = []
        if not values["first_name"]:
            reasons.append(Marked(N_("first_name is empty")))
        if not is_email_address(values["email"]):
            reasons.append(Marked(N_("'%(email)s' is not an email address"), email=values["email"]))
        for name, limit in FIELD_LIMITS.items():
            if len(values.get(name, "")) > limit:
                reasons.append(Marked(N_("%(column)s is longer than %(limit)s characters"), column=name, limit=limit))
        if any(not ch.isprintable() for v in values.values() for ch in v):
            reasons.append(Marked(N_("contains control characters")))
        ticket_type = ticket_types.get(values["ticket_type"].lower())
        if ticket_type is None:
            reasons.append(Marked(N_("unknown ticket type '%(name)s'"), name=values["ticket_type"]))
        access_code = values.get("access_code", "").upper() or None
        if access_code is not None:
            if not ACCESS_CODE_PATTERN.match(access_code):
                reasons.append(Marked(N_("access code '%(code)s' is not 8 characters A-Z/0-9"), code=access_code))
            elif access_code in code_lines:
                reasons.append(Marked(N_("access code %(code)s is also on line %(line)s"), code=access_code,
                                      line=code_lines[access_code]))
            else:
                code_lines[access_code] = line
        try:
            row_addons = _parse_addons(values.get("add_ons", ""), addons)
        except ValueError as error:
            reasons.append(error.args[0])  # (the Marked text itself: str() would lose its message id)
            row_addons = ()
        try:
            language = attendee_language(values.get("language", ""))
        except UnknownLanguage as refusal:
            reasons.append(Marked(UNKNOWN_LANGUAGE, **refusal.words))
            language = None
        if reasons:
            problems.add(line, Marked.joined("; ", reasons))
            continue
        holders.append(
            TicketHolder(first_name=values["first_name"], last_name=values.get("last_name", ""), email=values["email"],
                         company=values.get("company", ""), ticket_type=ticket_type, addons=row_addons,
                         access_code=access_code, language=language)
        )
        holder_lines.append(line)

    already_there: list[tuple[int, str]] = []
    if not allow_duplicates:
        holders, holder_lines, already_there = _skip_already_there(session, conference, holders, holder_lines)
    if not allow_duplicates:
        for line, reason in _same_attendee_twice(holders, holder_lines):
            problems.add(line, reason)
    if code_lines:
        codes = [h.access_code for h in holders if h.access_code]
        taken = set()
        for start in range(0, len(codes), 5000):
            taken |= set(session.scalars(select(Attendee.access_code).where(
                Attendee.conference_id == conference.id, Attendee.access_code.in_(codes[start : start + 5000]))))
        for code in sorted(taken):
            problems.add(code_lines[code], Marked(N_("access code %(code)s already belongs to an attendee"), code=code))
    if problems.total:
        raise ImportRejected.of(problems)
    if not holders and already_there:
        return ImportResult(imported=0, already_there=already_there)
    if not holders:
        raise ImportRejected([(1, Marked(N_("the file has no attendee rows")))])

    # Imported tickets take seats like sold ones; refuse an import that would oversell the venue.
    validate_global_capacity(session, conference, len(holders))
    for ticket_type, count in Counter(h.ticket_type for h in holders).items():
        validate_product_quantity(session, ticket_type, count)
    rows = list(zip(holder_lines, holders, strict=True))
    if not dry_run:
        write_ticket_holders(session, conference, holders)
    return ImportResult(imported=len(holders), already_there=already_there, rows=rows)


def _identity(holder: TicketHolder) -> tuple[str, int]:
    """What makes two rows the same attendee: the email, in any case, and the ticket type."""
    return holder.email.lower(), holder.ticket_type.id


def _skip_already_there(session: Session, conference: Conference, holders: list[TicketHolder], lines: list[int]):
    """Split off the rows whose attendee the conference already has (see import_attendees)."""
    emails = sorted({h.email.lower() for h in holders})
    existing: dict[tuple[str, int], set[str]] = {}
    for start in range(0, len(emails), 5000):
        for email, ticket_type_id, code in session.execute(
            select(func.lower(Attendee.email), Attendee.ticket_type_id, Attendee.access_code).where(
                Attendee.conference_id == conference.id, func.lower(Attendee.email).in_(emails[start : start + 5000]))
        ):
            existing.setdefault((email, ticket_type_id), set()).add(code)
    kept, kept_lines, skipped = [], [], []
    for holder, line in zip(holders, lines, strict=True):
        codes = existing.get(_identity(holder))
        if codes and (holder.access_code is None or holder.access_code in codes):
            skipped.append((line, Marked(N_("%(email)s, %(ticket)s: already imported (%(codes)s)"), email=holder.email,
                                         ticket=holder.ticket_type.name, codes=", ".join(sorted(codes)))))
        else:
            kept.append(holder)
            kept_lines.append(line)
    return kept, kept_lines, skipped


def _same_attendee_twice(holders: list[TicketHolder], lines: list[int]) -> list[tuple[int, str]]:
    """A file naming the same attendee twice would import them twice; say so unless duplicates are allowed."""
    first_line: dict[tuple[str, int], int] = {}
    problems: list[tuple[int, str]] = []
    for holder, line in zip(holders, lines, strict=True):
        seen = first_line.setdefault(_identity(holder), line)
        if seen != line:
            problems.append((line, Marked(N_("same email and ticket type as line %(line)s (allow duplicates to import both)"),
                                          line=seen)))
    return problems
