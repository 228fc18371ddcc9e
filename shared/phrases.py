"""A sentence both sides say, kept as its message id and its parts until a language is chosen.

A check-in rule's refusal ("Only before 17:00 CEST", "Staff entrance only") and a conflict's description are
decided once (by the shared rules, by the server's ingestion) and read in many places: the kiosk's red
screen, the console's simulator and conflicts page, an export, each in its reader's language. A ``Phrase``
holds the English message id of ``shared/locale/<language>/LC_MESSAGES/doorstation.po`` and its parts;
``text(language)`` words it. Parts are words too: a name as it is, a number, another phrase, a moment on the
venue's clock, a weekday, a choice ("Main door or Side door").

English is the message id itself, with the times written as the kiosk and the exports write them
(24-hour, "Tue 12 May 10:00 CEST"); another language gets its month and day names from Babel (CLDR).
Pure: Babel is imported only when another language is asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Union

from shared.languages import SOURCE_LANGUAGE, shared_words


@dataclass(frozen=True)
class Moment:
    """A moment on the venue's clock (``local`` is already in its zone), as a time, a day, or both."""

    local: dt.datetime
    style: str = "time"  # time ("10:00 CEST") | day ("Tue 12 May") | day_time ("Tue 12 May 10:00 CEST")
    # | full ("2026-05-01 09:14:05 CEST", as exports write it)

    def text(self, language: str) -> str:
        zone = f"{self.local:%Z}"
        if language == SOURCE_LANGUAGE:
            if self.style == "full":  # %Y gives "1", not "0001", on Linux
                return f"{self.local.year:04d}-{self.local:%m-%d %H:%M:%S %Z}"
            pattern = {"time": "%H:%M %Z", "day": "%a %d %b", "day_time": "%a %d %b %H:%M %Z"}[self.style]
            return self.local.strftime(pattern)
        from babel.dates import format_datetime, format_skeleton, format_time

        if self.style == "full":
            return f"{format_datetime(self.local, 'medium', tzinfo=self.local.tzinfo, locale=language)} {zone}"

        day = format_skeleton("MMMEd", self.local, tzinfo=self.local.tzinfo, locale=language)
        clock = f"{format_time(self.local, 'short', tzinfo=self.local.tzinfo, locale=language)} {zone}"
        return {"time": clock, "day": day, "day_time": f"{day} {clock}"}[self.style]


@dataclass(frozen=True)
class Weekday:
    """An ISO weekday, 1 (Monday) … 7 (Sunday), by its name in the language."""

    number: int

    def text(self, language: str) -> str:
        if language == SOURCE_LANGUAGE:
            return ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[self.number - 1]
        from babel.dates import get_day_names

        return str(get_day_names("wide", locale=language)[self.number - 1])  # Babel's 0 is Monday


@dataclass(frozen=True)
class Either:
    """One of several: "Main door", "Main door or Side door", "A, B or C"."""

    choices: tuple[Part, ...]

    def text(self, language: str) -> str:
        words = [words_of(choice, language) for choice in self.choices]
        if len(words) == 1:
            return words[0]
        if language == SOURCE_LANGUAGE:
            return ", ".join(words[:-1]) + " or " + words[-1]
        from babel.lists import format_list

        return format_list(words, style="or", locale=language)


@dataclass(frozen=True)
class Joined:
    """Several reasons in one line: "No re-entry after leaving, Only before 17:00 CEST"."""

    phrases: tuple[Phrase, ...]

    def text(self, language: str) -> str:
        return in_one_line(self.phrases, language)


@dataclass(frozen=True)
class Phrase:
    """A message of the shared catalogue and its parts; ``plural`` and ``count`` for one that counts."""

    message: str
    parts: tuple[tuple[str, Part], ...] = ()  # (name, part) pairs: a phrase is hashable, so a set can hold it
    plural: str = ""
    count: int = 0

    def text(self, language: str = SOURCE_LANGUAGE) -> str:
        words = shared_words(language)
        template = words.ngettext(self.message, self.plural, self.count) if self.plural else words.gettext(self.message)
        if not self.parts and not self.plural:
            return template
        return template % {name: words_of(part, language) for name, part in self.parts}

    def __str__(self) -> str:
        return self.text()

    def to_json(self) -> dict[str, Any]:
        """A plain-data copy (JSON), to store a decided phrase and word it later in its reader's language."""
        return {"message": self.message, "plural": self.plural, "count": self.count,
                "parts": {name: _part_json(part) for name, part in self.parts}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Phrase:
        return cls(str(data["message"]), tuple((name, _part_of(value)) for name, value in data.get("parts", {}).items()),
                   str(data.get("plural", "")), int(data.get("count", 0)))


Part = Union[str, int, Phrase, Moment, Weekday, Either, Joined]  # noqa: UP007 (a runtime alias, used before 3.12's `type`)


def phrase(message: str, /, **parts: Part) -> Phrase:
    """The phrase ``message`` (marked with ``N_`` where it is written) with its parts."""
    return Phrase(message, tuple(parts.items()))


def ngettext(singular: str, plural: str, count: int, /, **parts: Part) -> Phrase:
    """A phrase that counts, worded later by the language's plural rule; named as gettext's own, so the
    catalogue's extractor reads its two forms."""
    return Phrase(singular, (("count", count), *parts.items()), plural, count)


def in_one_line(phrases: Sequence[Phrase], language: str = SOURCE_LANGUAGE) -> str:
    """Several reasons in one line, each once: "Staff entrance only, Only before 17:00 CEST"."""
    words = dict.fromkeys(each.text(language) for each in phrases)
    return ("، " if language.startswith("ar") else ", ").join(words)


def words_of(part: Part, language: str) -> str:
    if isinstance(part, str):
        return part
    if isinstance(part, int):
        return str(part)
    return part.text(language)


def _part_json(part: Part) -> Any:
    if isinstance(part, str | int):
        return part
    if isinstance(part, Phrase):
        return {"phrase": part.to_json()}
    if isinstance(part, Moment):
        return {"moment": part.local.isoformat(), "style": part.style, "zone": getattr(part.local.tzinfo, "key", "")}
    if isinstance(part, Weekday):
        return {"weekday": part.number}
    if isinstance(part, Joined):
        return {"joined": [each.to_json() for each in part.phrases]}
    return {"either": [_part_json(choice) for choice in part.choices]}


def _part_of(value: Any) -> Part:
    if isinstance(value, str | int):
        return value
    if "phrase" in value:
        return Phrase.from_json(value["phrase"])
    if "moment" in value:
        from shared.zones import conference_zone, in_zone

        moment = dt.datetime.fromisoformat(value["moment"])
        local = in_zone(moment, conference_zone(value["zone"])) if value.get("zone") else moment
        return Moment(local, value.get("style", "time"))
    if "weekday" in value:
        return Weekday(int(value["weekday"]))
    if "joined" in value:
        return Joined(tuple(Phrase.from_json(each) for each in value["joined"]))
    return Either(tuple(_part_of(choice) for choice in value["either"]))
