"""The station's language: Qt's translators for our words and Qt's own (its dialogs' buttons).

Our catalogues are ``kiosk/translations/doorstation_<language>.ts`` (made by ``pyside6-lupdate`` through
``python -m doorstation.translations update``), compiled to ``.qm`` by ``pyside6-lrelease`` at set-up
(``packaging/dev.sh setup``) and in the kiosk bundle. A language without a compiled catalogue falls back
to English, and says so in the log.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from shared.languages import SOURCE_LANGUAGE, best_language, is_right_to_left

log = logging.getLogger(__name__)
TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
CATALOGUE = "doorstation"


SPOKEN = "doorstation-language"  # the application's property that holds the language spoken


def spoken_language() -> str:
    """The language ``speak`` chose last (a shipped tag: "de", "pt_BR"), for words made outside Qt's
    catalogues (shared/'s phrases); English before any was chosen."""
    app = QCoreApplication.instance()
    chosen = app.property(SPOKEN) if app is not None else None
    return str(chosen) if chosen else SOURCE_LANGUAGE


def catalogue_path(language: str) -> Path:
    return TRANSLATIONS / f"{CATALOGUE}_{language}.qm"


def system_language() -> str:
    """The shipped language closest to the desktop's own (LANGUAGE, LC_ALL, LANG on Linux)."""
    return best_language(QLocale.system().uiLanguages())


def speak(language: str = "") -> str:
    """Install the translators for ``language`` ("" = the system's) in this application; the language spoken.

    Translators installed before replace none: the previous ones are removed, so a station switched from
    German to French speaks French, not a mix.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("Create the QApplication before choosing its language.")
    chosen = best_language([language]) if language else system_language()
    for old in app.findChildren(QTranslator, "doorstation-language"):
        QCoreApplication.removeTranslator(old)
        old.deleteLater()
    # English has a catalogue too: its plural forms ("1 scan", "2 scans"), as Qt's %n texts are written once.
    for candidate in dict.fromkeys((chosen, SOURCE_LANGUAGE)):
        ours = QTranslator(app)
        ours.setObjectName("doorstation-language")
        if ours.load(str(catalogue_path(candidate))):
            QCoreApplication.installTranslator(ours)
            chosen = candidate
            break
        log.warning("No compiled catalogue for %s at %s: run packaging/dev.sh setup (it compiles them)",
                    candidate, catalogue_path(candidate))
        ours.deleteLater()
    else:
        chosen = SOURCE_LANGUAGE  # no catalogue at all: English texts, plural forms as written
    if chosen != SOURCE_LANGUAGE:
        qt_own = QTranslator(app)
        qt_own.setObjectName("doorstation-language")
        if qt_own.load(QLocale(chosen), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            QCoreApplication.installTranslator(qt_own)
    app.setProperty(SPOKEN, chosen)
    QLocale.setDefault(QLocale(chosen))  # numbers as the station's language writes them: 1,000 / 1.234 / ١٬٠٠٠
    if isinstance(app, QApplication):
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_right_to_left(chosen)
                               else Qt.LayoutDirection.LeftToRight)
    return chosen
