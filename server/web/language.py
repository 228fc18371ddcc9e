"""The console's language: the signed-in user's choice, else the browser's ``Accept-Language``.

Catalogues are gettext ``.po`` files under ``server/web/locale/<language>/LC_MESSAGES/console.po``,
made and kept current by ``python -m packaging.translations`` (Babel extracts the templates' ``{% trans %}``
and ``_()`` and the Python code's ``_()``). They are read and compiled in memory at first use, so a
checkout serves its translations without a build step.

Templates use Jinja's i18n extension with new-style gettext: ``{{ _("Sign out") }}``,
``{{ _("%(n)s scans", n=count) }}``, ``{{ ngettext("%(num)d kiosk", "%(num)d kiosks", count) }}``;
a placeholder left out or misspelt fails rendering instead of showing a half-formatted text.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Iterator
from gettext import NullTranslations
from pathlib import Path

from fastapi import Request
from markupsafe import Markup

from shared.languages import SHIPPED_LANGUAGES, SOURCE_LANGUAGE, Marked, from_accept_language, load_catalogue

LOCALE_FOLDER = Path(__file__).resolve().parent / "locale"
DOMAIN = "console"

_active: contextvars.ContextVar[str] = contextvars.ContextVar("console_language", default=SOURCE_LANGUAGE)


@functools.cache
def translations(language: str) -> NullTranslations:
    """The console's catalogue in ``language``; the source language (or a missing file) translates nothing."""
    return load_catalogue(LOCALE_FOLDER, language, DOMAIN)


def request_language(request: Request) -> str:
    """The signed-in user's language (set on the account), else the best match of the browser's wishes."""
    user = getattr(request.state, "console_user", None)
    chosen = getattr(user, "language", None)
    if chosen in SHIPPED_LANGUAGES:
        return str(chosen)
    return from_accept_language(request.headers.get("accept-language", ""))


@contextlib.contextmanager
def speaking(language: str) -> Iterator[None]:
    """Render (or word a message) in ``language`` within the block."""
    token = _active.set(language)
    try:
        yield
    finally:
        _active.reset(token)


def for_request(request: Request) -> NullTranslations:
    """The console's catalogue in the request's language, for a message a page words in Python (a notice, a
    heading): ``for_request(request).gettext("Settings saved.")``."""
    return translations(request_language(request))


def current() -> str:
    """The language this page (or message) is rendered in."""
    return _active.get()


def gettext(message: str) -> str:
    return translations(_active.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_active.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return str(translations(_active.get()).pgettext(context, message))


def worded(text: object) -> object:
    """A text a service or a form worded (``shared.languages.Marked``) in this page's language: each part through
    the catalogue, and each of its parts' values that is marked too (a field's label inside "Give the %(what)s.");
    a part the catalogue lacks stays English. Anything else is returned as it is. For a template: it is Markup."""
    if not isinstance(text, Marked):
        return text
    catalogue = translations(_active.get())
    # Markup, as Jinja's own _() gives: the catalogue's words are trusted, what fills them is escaped.
    said = Markup(text.separator).join(
        Markup(catalogue.gettext(message)) % {name: worded(value) for name, value in params.items()}
        for message, params in text.parts if message)  # (an empty message id would be the catalogue's header)
    return said.lower() if text.lowercase else said
