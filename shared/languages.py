"""The languages Doorstation speaks, and how a request or a station picks one.

One list for the kiosk and the console: a language is shipped when both sides are translated in it
(a test fails the run when a marked string lacks a translation in any of them).
"""

from __future__ import annotations

import functools
import gettext
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Self

SOURCE_LANGUAGE = "en"
# Tags as Babel and Qt name their catalogues (language, or language_TERRITORY where it matters).
SHIPPED_LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "nl", "pt_BR", "ar")


# Each language's name in itself, for a chooser; written out rather than read from Babel's locale data at
# start (that data, loaded in every server worker, cost more memory than the console's catalogues).
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español", "nl": "Nederlands",
                  "pt_BR": "Português (Brasil)", "ar": "العربية"}
RIGHT_TO_LEFT = frozenset({"ar"})


def language_name(tag: str) -> str:
    """The language's name in itself ("Deutsch", "Português (Brasil)", "العربية"), for a chooser."""
    return LANGUAGE_NAMES.get(tag, tag)


def is_right_to_left(tag: str) -> bool:
    return tag.split("_")[0] in RIGHT_TO_LEFT


def html_lang(tag: str) -> str:
    """BCP 47 as HTML wants it: pt-BR, not pt_BR."""
    return tag.replace("_", "-")


def best_language(preferred: list[str]) -> str:
    """The shipped language closest to ``preferred`` (most wanted first), else the source language.

    An exact tag wins ("pt-BR" → pt_BR), then the language alone ("de-AT" → de, "pt-PT" → pt_BR).
    """
    for tag in preferred:
        found = shipped_language(tag)
        if found:
            return found
    return SOURCE_LANGUAGE


_BY_TAG = {shipped.lower(): shipped for shipped in SHIPPED_LANGUAGES}
_BY_LANGUAGE = {shipped.split("_")[0].lower(): shipped for shipped in SHIPPED_LANGUAGES}
_BY_NAME = {name.casefold(): tag for tag, name in LANGUAGE_NAMES.items()}


def shipped_language(tag: str) -> str | None:
    """The shipped language a tag or name stands for, None when none: "de", "de-DE", "DE_de" → de, "pt-br" and
    "pt" → pt_BR, "Deutsch" → de (as a spreadsheet may name it); "", "xx", "Klingon" → None."""
    tag = tag.strip()
    if tag.casefold() in _BY_NAME:
        return _BY_NAME[tag.casefold()]
    tag = tag.replace("-", "_").lower()
    return (_BY_TAG.get(tag) or _BY_LANGUAGE.get(tag.split("_")[0])) if tag else None


def from_accept_language(header: str) -> str:
    """The shipped language an ``Accept-Language`` header asks for most ("de-CH,de;q=0.9,en;q=0.5" → de)."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header[:1000].split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if tag and 0 < quality <= 1:
            ranked.append((-quality, position, tag.strip()))
    return best_language([tag for _, _, tag in sorted(ranked)])


def N_(message: str) -> str:  # noqa: N802 (gettext's own name for it, which the extractors know)
    """Marks ``message`` for the catalogues where it is defined; it is translated where it is shown."""
    return message


def load_catalogue(folder: Path, language: str, domain: str) -> gettext.NullTranslations:
    """The gettext catalogue ``folder/<language>/LC_MESSAGES/<domain>.po``, compiled in memory by Babel (so a
    checkout speaks without a build step) and read by the standard library's gettext; the source language,
    or a language without the file, translates nothing."""
    source = folder / language / "LC_MESSAGES" / f"{domain}.po"
    if language == SOURCE_LANGUAGE or not source.exists():
        return gettext.NullTranslations()
    # Babel is imported here, at the first page or verdict in another language: not in every process at start.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with source.open("rb") as po:
        catalog = read_po(po, locale=language, domain=domain)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out, as msgfmt does
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


SHARED_LOCALE = Path(__file__).resolve().parent / "locale"
SHARED_DOMAIN = "doorstation"


@functools.cache
def shared_words(language: str) -> gettext.NullTranslations:
    """What both sides say, once (verdicts, their details; shared/locale/<language>/LC_MESSAGES/doorstation.po):
    a refusal reads the same on the kiosk, in the console and in an export."""
    return load_catalogue(SHARED_LOCALE, best_language([language]), SHARED_DOMAIN)


class Marked(str):
    """A text worded in English now and in a reader's language later: it is the English (``Marked(N_("line %(n)s"),
    n=3) == "line 3"``, so logs, the command line and tests read it as any text), and it keeps its message ids and
    what fills them (``parts``) for a page to word each in its reader's language. ``Marked.joined("; ", texts)``
    joins several, parts and all."""

    parts: tuple[tuple[str, dict[str, object]], ...]
    separator = "; "  # between the parts, as ``joined`` was given it
    lowercase = False  # a label inside a sentence ("is pending"): worded, then lowercased, as the English is

    def __new__(cls, message: str, **params: object) -> Self:
        marked = super().__new__(cls, message % params)  # (a message id is a format string: "100%% off")
        marked.parts = ((message, params),)
        return marked

    @classmethod
    def lowercased(cls, label: str) -> Self:
        """A label (a status's "Pending", marked where it is defined) as a word inside a sentence: "pending" in
        English, and its translation lowercased in the reader's language ("offen", "en attente")."""
        marked = cls(label.replace("%", "%%"))
        lowered = super().__new__(cls, str(marked).lower())
        lowered.parts, lowered.lowercase = marked.parts, True
        return lowered

    @classmethod
    def joined(cls, separator: str, texts: Sequence[str]) -> str:
        if not all(isinstance(text, Marked) for text in texts):
            return separator.join(texts)
        marked = super().__new__(cls, separator.join(texts))
        marked.parts = tuple(part for text in texts for part in text.parts)  # type: ignore[attr-defined]
        marked.separator = separator
        return marked
