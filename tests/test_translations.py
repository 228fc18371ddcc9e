"""The catalogues keep up with the code: CI fails on a marked text without a translation in any shipped
language, on a translation whose placeholders differ from the source, and on a .ts or .po out of date."""

from __future__ import annotations

import shutil

import pytest

from doorstation import translations
from shared.languages import SHIPPED_LANGUAGES, best_language, from_accept_language, is_right_to_left


def test_every_shipped_catalogue_is_current_complete_and_keeps_its_placeholders():
    findings = translations.check()
    assert not findings, "\n".join(map(str, findings)) + "\n(python -m doorstation.translations update, then translate)"


def test_the_check_finds_a_new_text_a_missing_translation_and_a_lost_placeholder(tmp_path, monkeypatch):
    # A copy of the project's sources and catalogues, changed as a hurried commit would change them.
    for folder in ("kiosk", "server", "shared"):
        shutil.copytree(translations.ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("*.qm", "__pycache__"))
    monkeypatch.setattr(translations, "ROOT", tmp_path)
    monkeypatch.setattr(translations, "KIOSK_SOURCES", tmp_path / "kiosk")
    monkeypatch.setattr(translations, "KIOSK_TRANSLATIONS", tmp_path / "kiosk" / "translations")
    monkeypatch.setattr(translations, "CONSOLE_SOURCES", tmp_path / "server")
    monkeypatch.setattr(translations, "CONSOLE_LOCALE", tmp_path / "server" / "web" / "locale")
    monkeypatch.setattr(translations, "SHARED_SOURCES", tmp_path / "shared")
    monkeypatch.setattr(translations, "SHARED_LOCALE_FOLDER", tmp_path / "shared" / "locale")
    assert translations.check() == []

    base = tmp_path / "server" / "web" / "templates" / "base.html"
    base.write_text(base.read_text().replace("{{ _(\"Skip to content\") }}", "{{ _(\"Skip to the content\") }}"))
    bar = tmp_path / "kiosk" / "ui" / "status_bar.py"
    bar.write_text(bar.read_text().replace('self.tr("Not synced yet")', 'self.tr("Never synced")'))
    # A set-up screen's new text, and a translation that lost the operator panel's placeholder.
    setup = tmp_path / "kiosk" / "ui" / "setup_screens.py"
    setup.write_text(setup.read_text().replace('self.tr("Landscape badges")', 'self.tr("Badges in landscape")'))
    french = translations.KIOSK_TRANSLATIONS / "doorstation_fr.ts"
    french.write_text(french.read_text().replace("Conflits : indisponibles (%1)", "Conflits : indisponibles"))
    german = translations.CONSOLE_LOCALE / "de" / "LC_MESSAGES" / "console.po"
    german.write_text(german.read_text().replace('msgstr "Ihre Rolle: %(role)s"', 'msgstr "Ihre Rolle"'))

    found = [str(finding) for finding in translations.check()]
    assert any("console.po" in line and "'Skip to the content' is new" in line for line in found)
    assert any("doorstation_fr.ts" in line and "'Never synced' is new" in line for line in found)
    assert any("doorstation_ar.ts" in line and "StationScreen 'Badges in landscape' is new" in line for line in found)
    assert any("doorstation_fr.ts" in line and "placeholders differ" in line and "indisponibles" in line
               for line in found)
    assert any("de/LC_MESSAGES" in line and "placeholders differ" in line and "Ihre Rolle" in line for line in found)

    translations.update_kiosk()
    translations.update_gettext()
    found = [str(finding) for finding in translations.check()]
    assert any("doorstation_nl.ts" in line and "not translated" in line and "Never synced" in line for line in found)
    assert any("doorstation_de.ts" in line and "not translated" in line and "Badges in landscape" in line
               for line in found)
    assert any("ar/LC_MESSAGES" in line and "not translated: 'Skip to the content'" in line for line in found)


@pytest.mark.parametrize(("header", "language"), [
    ("de-CH,de;q=0.9,en;q=0.5", "de"), ("pt", "pt_BR"), ("pt-PT", "pt_BR"), ("fr-CA", "fr"), ("ar-EG", "ar"),
    ("ja", "en"), ("", "en"), ("*", "en"), ("xx;q=abc,nl", "nl"), ("en;q=0.1,fr", "fr"), ("de;q=0", "en"),
])
def test_a_browsers_wish_finds_the_closest_shipped_language(header, language):
    assert from_accept_language(header) == language


def test_the_shipped_languages_are_found_by_their_own_tags_and_arabic_reads_right_to_left():
    assert [best_language([tag]) for tag in SHIPPED_LANGUAGES] == list(SHIPPED_LANGUAGES)
    assert [tag for tag in SHIPPED_LANGUAGES if is_right_to_left(tag)] == ["ar"]


def test_no_template_hands_a_value_to_gettext_which_would_let_its_html_through():
    """Jinja's new-style ``_()`` marks what it returns as safe HTML: for a literal that is the catalogue's
    own words; a value (a notice, a label) goes through ``translated()``, whose answer is escaped."""
    import re
    from pathlib import Path

    from server.web.console import templates

    handed = [f"{path.name}: {line.strip()}" for path in Path("server/web/templates").glob("*.html")
              for line in path.read_text().splitlines() if re.search(r"(^|[^\w])_\((?![\"'])", line)]
    assert handed == []
    page = templates.env.from_string("{{ translated(notice) }}").render(notice="<img src=x onerror=alert(1)>")
    assert page == "&lt;img src=x onerror=alert(1)&gt;"
