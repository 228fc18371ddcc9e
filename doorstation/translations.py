"""Keep the catalogues in step with the code, compile the kiosk's, and check both (CI runs the check).

    python -m doorstation.translations update    extract the marked texts, update every language's files
    python -m doorstation.translations compile   the kiosk's .ts → .qm (packaging/dev.sh setup runs it)
    python -m doorstation.translations check     what `update` would change, texts without translation,
                                                 placeholders that differ from the source; exit 1 if any

Two tool chains, each the one its side is written for: Qt's (``pyside6-lupdate`` / ``pyside6-lrelease``,
``self.tr()`` with ``%n`` plurals) for the kiosk, Babel's (``_()`` / ``{% trans %}``, gettext ``.po``) for
the console and for what both sides say (``shared/``: a verdict's words). A translator edits
``kiosk/translations/doorstation_<language>.ts`` with Qt Linguist, and
``server/web/locale/<language>/LC_MESSAGES/console.po`` and ``shared/locale/<language>/LC_MESSAGES/doorstation.po``
with any gettext editor.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from shared.languages import SHARED_DOMAIN, SHIPPED_LANGUAGES, SOURCE_LANGUAGE

ROOT = Path(__file__).resolve().parents[1]
KIOSK_SOURCES = ROOT / "kiosk"
KIOSK_TRANSLATIONS = ROOT / "kiosk" / "translations"
CONSOLE_SOURCES = ROOT / "server"
CONSOLE_LOCALE = ROOT / "server" / "web" / "locale"
CONSOLE_DOMAIN = "console"
SHARED_SOURCES = ROOT / "shared"
SHARED_LOCALE_FOLDER = ROOT / "shared" / "locale"
# Babel's ways of reading each kind of file; Jinja's extractor knows {% trans %} and _().
CONSOLE_METHODS = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
CONSOLE_OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%L?n|%\d+")  # gettext %(name)s, Qt %n / %Ln / %1


@dataclass(frozen=True)
class Finding:
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    if not Path(found).exists():
        raise SystemExit(f"{name} is missing: it comes with PySide6 (packaging/dev.sh setup installs it).")
    return found


# --- the kiosk: Qt Linguist files ----------------------------------------------------------------

def kiosk_ts(language: str) -> Path:
    return KIOSK_TRANSLATIONS / f"doorstation_{language}.ts"


def _kiosk_python_files() -> list[str]:
    return sorted(str(path.relative_to(ROOT)) for path in KIOSK_SOURCES.rglob("*.py"))


def update_kiosk(folder: Path | None = None) -> None:
    """Run lupdate over the kiosk's Python files into ``folder``'s .ts files (obsolete texts dropped)."""
    folder = folder or KIOSK_TRANSLATIONS
    folder.mkdir(parents=True, exist_ok=True)
    for language in SHIPPED_LANGUAGES:
        target = folder / kiosk_ts(language).name
        if folder != KIOSK_TRANSLATIONS and kiosk_ts(language).exists():
            shutil.copy(kiosk_ts(language), target)
        options = ["-pluralonly"] if language == SOURCE_LANGUAGE else []  # English: only its plural forms
        subprocess.run([_tool("pyside6-lupdate"), *_kiosk_python_files(), "-no-obsolete", "-locations", "none",
                        "-source-language", "en", "-target-language", language, *options, "-ts", str(target)],
                       cwd=ROOT, check=True, capture_output=True, text=True)


def compile_kiosk(folder: Path | None = None) -> list[Path]:
    """lrelease every .ts into the .qm beside it, where the kiosk loads it (kiosk.ui.language)."""
    folder = folder or KIOSK_TRANSLATIONS
    compiled = []
    for language in SHIPPED_LANGUAGES:
        source = folder / kiosk_ts(language).name
        target = source.with_suffix(".qm")
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(source), "-qm", str(target)],
                       check=True, capture_output=True, text=True)
        compiled.append(target)
    return compiled


def kiosk_catalogues_are_compiled() -> bool:
    """Each .qm exists and is newer than its .ts."""
    for language in SHIPPED_LANGUAGES:
        source, target = kiosk_ts(language), kiosk_ts(language).with_suffix(".qm")
        if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
            return False
    return True


def _kiosk_messages(ts: Path) -> dict[tuple[str, str], ElementTree.Element]:
    messages = {}
    for context in ElementTree.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            messages[(name, message.findtext("source", ""))] = message
    return messages


def check_kiosk() -> list[Finding]:
    findings: list[Finding] = []
    with tempfile.TemporaryDirectory() as scratch:
        update_kiosk(Path(scratch))
        for language in SHIPPED_LANGUAGES:
            committed, current = kiosk_ts(language), Path(scratch) / kiosk_ts(language).name
            where = str(committed.relative_to(ROOT))
            if not committed.exists():
                findings.append(Finding(where, "missing: run python -m doorstation.translations update"))
                continue
            theirs, ours = _kiosk_messages(committed), _kiosk_messages(current)
            for key in sorted(ours.keys() - theirs.keys()):
                findings.append(Finding(where, f"out of date with the code: {key[0]} {key[1]!r} is new"))
            for key in sorted(theirs.keys() - ours.keys()):
                findings.append(Finding(where, f"out of date with the code: {key[0]} {key[1]!r} is gone"))
            for (context, source), message in theirs.items():
                translation = message.find("translation")
                forms = ([form.text or "" for form in translation.iter("numerusform")] if translation is not None
                         and message.get("numerus") == "yes" else [translation.text or "" if translation is not None
                                                                    else ""])
                if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") \
                        or not all(forms):
                    findings.append(Finding(where, f"not translated: {context} {source!r}"))
                    continue
                for form in forms:
                    findings += _placeholders_differ(where, source, form)
    return findings


# --- the console and the words both sides say: gettext catalogues ------------------------------

@dataclass(frozen=True)
class GettextCatalogue:
    sources: Path  # the folder whose files are searched for marked texts
    methods: list[tuple[str, str]]  # Babel's way of reading each kind of file there
    options: dict[str, dict[str, str]]
    locale: Path  # <locale>/<language>/LC_MESSAGES/<domain>.po
    domain: str

    def po(self, language: str) -> Path:
        return self.locale / language / "LC_MESSAGES" / f"{self.domain}.po"


def gettext_catalogues() -> list[GettextCatalogue]:
    """The console's own texts, and what both sides say (shared/: verdicts), each in its catalogue."""
    return [GettextCatalogue(CONSOLE_SOURCES, CONSOLE_METHODS, CONSOLE_OPTIONS, CONSOLE_LOCALE, CONSOLE_DOMAIN),
            GettextCatalogue(SHARED_SOURCES, [("**.py", "python")], {}, SHARED_LOCALE_FOLDER, SHARED_DOMAIN)]


def extract(catalogue: GettextCatalogue) -> Catalog:
    template = Catalog(project="Doorstation", domain=catalogue.domain, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(catalogue.sources), catalogue.methods, catalogue.options, strip_comment_tags=True):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def _read(path: Path, language: str, domain: str) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, locale=language, domain=domain)


def _written(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=110, omit_header=False, no_location=True, sort_output=True,
             ignore_obsolete=True)
    return out.getvalue()


def update_gettext() -> None:
    for catalogue in gettext_catalogues():
        template = extract(catalogue)
        for language in SHIPPED_LANGUAGES:
            if language == SOURCE_LANGUAGE:
                continue
            path = catalogue.po(language)
            path.parent.mkdir(parents=True, exist_ok=True)
            before = path.read_bytes() if path.exists() else b""
            catalog = _read(path, language, catalogue.domain) if path.exists() else Catalog(
                locale=language, domain=catalogue.domain, project="Doorstation", version="",
                copyright_holder="Doorstation", msgid_bugs_address="", last_translator="", language_team="")
            catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
            catalog.fuzzy = False  # a fuzzy header would be left out when compiled, and its plural forms with it
            after = _written(catalog)
            if _entries(after) != _entries(before):  # only what the translator sees; not a new date each run
                path.write_bytes(after)


def _entries(po: bytes) -> list[bytes]:
    return [line for line in po.splitlines() if not line.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date'))]


def _texts(text: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    """A message's id or translation as a tuple: one text, or its plural forms."""
    if text is None:
        return ()
    return (text,) if isinstance(text, str) else tuple(text)


def _ids(catalog: Catalog) -> set[tuple[str | None, str]]:
    return {(message.context, _texts(message.id)[0]) for message in catalog if message.id}


def check_gettext() -> list[Finding]:
    findings: list[Finding] = []
    for catalogue in gettext_catalogues():
        wanted = _ids(extract(catalogue))
        for language in SHIPPED_LANGUAGES:
            if language == SOURCE_LANGUAGE:
                continue
            path = catalogue.po(language)
            where = str(path.relative_to(ROOT))
            if not path.exists():
                findings.append(Finding(where, "missing: run python -m doorstation.translations update"))
                continue
            catalog = _read(path, language, catalogue.domain)
            have = _ids(catalog)
            for _context, message_id in sorted(wanted - have, key=str):
                findings.append(Finding(where, f"out of date with the code: {message_id!r} is new"))
            for _context, message_id in sorted(have - wanted, key=str):
                findings.append(Finding(where, f"out of date with the code: {message_id!r} is gone"))
            for message in catalog:
                if not message.id:
                    continue
                sources, strings = _texts(message.id), _texts(message.string)
                if message.fuzzy or not strings or not all(strings):
                    findings.append(Finding(where, f"not translated: {sources[0]!r}"))
                    continue
                for string in strings:
                    findings += _placeholders_differ(where, sources[-1], string)
    return findings


def _placeholders_differ(where: str, source: str, translation: str) -> list[Finding]:
    expected = sorted(set(PLACEHOLDER.findall(source)) | ({"%n"} if "%Ln" in source else set()))
    found = sorted(set(PLACEHOLDER.findall(translation)) | ({"%n"} if "%Ln" in translation else set()))
    # A plural form may leave the number out ("one scan"), never bring a placeholder the source lacks.
    number = {"%n", "%Ln"}
    if set(found) - set(expected) or set(expected) - set(found) - number:
        return [Finding(where, f"placeholders differ: {source!r} has {expected}, {translation!r} has {found}")]
    return []


def check() -> list[Finding]:
    return check_kiosk() + check_gettext()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m doorstation.translations", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["update", "compile", "check"])
    command = parser.parse_args(argv).command
    if command == "update":
        update_kiosk()
        update_gettext()
        print("Updated the kiosk's .ts and the console's and shared/'s .po files; translate what is new, then compile.")
    elif command == "compile":
        for path in compile_kiosk():
            print(f"compiled {path.relative_to(ROOT)}")
    else:
        findings = check()
        for finding in findings:
            print(finding)
        print(f"{len(findings)} problem(s) in the catalogues." if findings else "The catalogues are complete.")
        return 1 if findings else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
