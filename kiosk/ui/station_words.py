"""The kiosk's words for what kiosk.core answers in codes: a station's mode, a scan's kind, why the kiosk was
wiped, what a set-up lacks, why pairing failed, what an undo took back, why a sync round failed. Through Qt's translators, so they
follow the station's language (``kiosk/translations/doorstation_<language>.ts``, context ``StationWords``).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QObject

from kiosk.core.device import PairingError
from kiosk.core.settings import InvalidSettings, SettingsProblem, StationMode
from kiosk.core.sync_engine import ServerRefused, SyncNews, SyncProblem, SyncTrouble
from kiosk.core.wipe import WipeReason
from kiosk.ui.clock import station_number


class StationWords(QObject):
    """The texts that count (Qt's plural forms): pyside6-lupdate reads a plural only from ``self.tr``, so they live
    here, in the same context as the module's other words."""

    def busy(self, seconds: int) -> str:
        return self.tr("Server busy; retrying in %Ln second(s).", "", seconds)

    def feed_not_understood(self, problems: int) -> str:
        return self.tr("The server's change feed is not in the expected form (%Ln problem(s)); is the server a "
                       "different version?", "", problems)

    def conference_over(self, waiting: int) -> str:
        return self.tr("The conference is over: this kiosk forgets it once its %Ln waiting scan(s) reach the server.",
                       "", waiting)

    def try_again_in(self, minutes: int) -> str:
        return self.tr("Too many wrong pairing codes from this address; try again in %Ln minute(s).", "", minutes)


_COUNTED = StationWords()


def mode_name(mode: StationMode) -> str:
    names = {
        StationMode.CHECK_IN: QCoreApplication.translate("StationWords", "Check-in"),
        StationMode.EXIT: QCoreApplication.translate("StationWords", "Exit"),
        StationMode.DOOR_CHECK: QCoreApplication.translate("StationWords", "Door check for one product"),
        StationMode.REDEMPTION: QCoreApplication.translate("StationWords", "Redemption of one product"),
        StationMode.BADGE_PRINTING: QCoreApplication.translate("StationWords", "Badge printing"),
    }
    return names[mode]


def scan_kind(kind: str) -> str:
    """A scan's kind as the operator panel lists it ("Door check"); an unknown one as it came."""
    kinds = {
        "check_in": QCoreApplication.translate("StationWords", "Check-in"),
        "exit": QCoreApplication.translate("StationWords", "Exit"),
        "door_check": QCoreApplication.translate("StationWords", "Door check"),
        "redemption": QCoreApplication.translate("StationWords", "Redemption"),
        "undo": QCoreApplication.translate("StationWords", "Undo"),
        "badge_printed": QCoreApplication.translate("StationWords", "Badge print"),
        "failed_scan": QCoreApplication.translate("StationWords", "Refused scan"),
    }
    return kinds.get(kind, kind or QCoreApplication.translate("StationWords", "Scan"))


def wipe_reason(reason: WipeReason) -> str:
    reasons = {
        WipeReason.REVOKED: QCoreApplication.translate(
            "StationWords", "The organisers revoked this kiosk: everything it held of the conference has been "
                            "deleted from it. Pair it again to use it."),
        WipeReason.CONFERENCE_OVER: QCoreApplication.translate(
            "StationWords", "The conference is over: as the organisers set, everything this kiosk held of it has "
                            "been deleted. Pair it with another conference to use it again."),
        WipeReason.OPERATOR: QCoreApplication.translate(
            "StationWords", "This kiosk forgot the conference: everything it held of it has been deleted. Pair it "
                            "again to use it."),
    }
    return reasons[reason]


def settings_problem(error: InvalidSettings) -> str:
    problems = {
        SettingsProblem.NO_NAME: QCoreApplication.translate("StationWords", "Give the station a name, e.g. 'Door B'."),
        SettingsProblem.NO_PRODUCT: QCoreApplication.translate("StationWords", "Choose the product for this mode."),
        SettingsProblem.NO_ZONE: QCoreApplication.translate("StationWords",
                                                            "Choose the zone this station is the door of."),
        SettingsProblem.NO_TRANSFER_ZONE: QCoreApplication.translate("StationWords",
                                                                     "Choose the zone a transfer leads into."),
        SettingsProblem.BAD_PIN: QCoreApplication.translate("StationWords", "The PIN is 4 to 12 digits."),
    }
    return problems[error.problem]


def pairing_failed(error: Exception) -> str:
    """Why pairing failed, in the station's language: the server's refusal by its code (a wrong or used code, too
    many attempts), never its English sentence; anything else as it was said."""
    if isinstance(error, PairingError):
        if error.code == "unreachable":
            return QCoreApplication.translate("StationWords", "Cannot reach the server at %1.").replace(
                "%1", error.server)
        if error.code == "server_error":
            return QCoreApplication.translate("StationWords", "The server answered %1; try again in a moment.").replace(
                "%1", str(error.http_status))
        if error.code == "code_refused":
            return QCoreApplication.translate(
                "StationWords", "That pairing code is not valid: it may have been used or have expired. Ask for a new "
                                "one on the console's devices page.")
        if error.code == "too_many_attempts":
            minutes = max(1, math.ceil(error.retry_after_s / 60)) if error.retry_after_s else 0
            if not minutes:
                return QCoreApplication.translate(
                    "StationWords", "Too many wrong pairing codes from this address; try again later.")
            return _COUNTED.try_again_in(minutes)
        if error.code == "scans_waiting":
            return QCoreApplication.translate(
                "StationWords", "Scans for the previous server are still waiting: upload, export or discard them "
                                "first.")
    return str(error)


def undone(kind: str, who: str) -> str:
    """What the panel's undo took back: "Took back the check-in of Ada Lovelace."."""
    texts = {
        "check_in": QCoreApplication.translate("StationWords", "Took back the check-in of %1."),
        "exit": QCoreApplication.translate("StationWords", "Took back the exit of %1."),
        "door_check": QCoreApplication.translate("StationWords", "Took back the door check of %1."),
        "redemption": QCoreApplication.translate("StationWords", "Took back the redemption of %1."),
    }
    text = texts.get(kind, QCoreApplication.translate("StationWords", "Took back the last scan of %1."))
    return text.replace("%1", who)


def nothing_to_undo() -> str:
    return QCoreApplication.translate("StationWords", "There is no admitted scan to undo at this station.")


def sync_trouble(problem: SyncProblem) -> str:
    """Why the last sync round did not go through, under the status bar: "Server unreachable (ConnectError);
    retrying."; a server's own refusal keeps its sentence (the server's words), inside the station's."""
    t = problem.trouble
    if t is SyncTrouble.REVOKED:
        return QCoreApplication.translate("StationWords", "This kiosk has been revoked by the organisers; pair it again.")
    if t is SyncTrouble.UNREACHABLE:
        return QCoreApplication.translate("StationWords", "Server unreachable (%1); retrying.").replace(
            "%1", problem.detail)
    if t is SyncTrouble.BUSY:
        return _COUNTED.busy(math.ceil(problem.seconds))
    if t is SyncTrouble.SERVER_ERROR:
        return QCoreApplication.translate("StationWords", "Server error %1; retrying.").replace(
            "%1", str(problem.status_code))
    if t is SyncTrouble.NOT_RECOGNISED:
        return QCoreApplication.translate(
            "StationWords", "The server does not recognise this kiosk (401): a different or reset server? Retrying; "
                            "pair again if it lasts.")
    if t is SyncTrouble.REFUSED:
        return QCoreApplication.translate("StationWords", "The server refused the sync (%1): %2").replace(
            "%1", str(problem.status_code)).replace("%2", problem.detail)
    if t is SyncTrouble.NOT_OUR_SERVER:
        return QCoreApplication.translate(
            "StationWords", "Something other than the Doorstation server answered (%1, %2): a Wi-Fi sign-in page or "
                            "a proxy? Retrying.").replace("%1", str(problem.status_code)).replace("%2", problem.detail)
    if t is SyncTrouble.FEED_NOT_UNDERSTOOD:
        return _COUNTED.feed_not_understood(problem.count)
    if t is SyncTrouble.NO_ANSWERS:
        return QCoreApplication.translate("StationWords", "The server answered for none of the scans sent; retrying.")
    if t is SyncTrouble.NOT_PAIRED_BEFORE:
        return QCoreApplication.translate(
            "StationWords", "This kiosk was not paired before: there is no previous server to upload to.")
    if t is SyncTrouble.PREVIOUS_UNREACHABLE:
        return QCoreApplication.translate("StationWords", "The previous server at %1 cannot be reached.").replace(
            "%1", problem.detail)
    if t is SyncTrouble.PREVIOUS_ANSWERED:
        return QCoreApplication.translate(
            "StationWords", "The previous server at %1 answered %2; try again in a moment.").replace(
            "%1", problem.detail).replace("%2", str(problem.status_code))
    if t is SyncTrouble.PREVIOUS_FORGOT:
        return QCoreApplication.translate(
            "StationWords", "The previous server at %1 no longer knows this kiosk (a reset server?): export the scans "
                            "to a file instead.").replace("%1", problem.detail)
    return QCoreApplication.translate("StationWords", "Sync failed (%1); retrying.").replace("%1", problem.detail)


def upload_refused(error: Exception) -> str:
    """Why the scans waiting for the previous server could not go to it, in the station's language."""
    if isinstance(error, ServerRefused):
        return sync_trouble(error.problem)
    return str(error)


def sync_news(problem: SyncProblem) -> str:
    """What the operator should know though nothing failed: a download started over, a wipe waiting for scans."""
    if problem.news is SyncNews.RECORDS_WENT_BACK:
        return QCoreApplication.translate(
            "StationWords", "The server's records went back (version %1, this kiosk had %2): restored from a backup? "
                            "Downloaded everything again.").replace("%1", station_number(problem.count)).replace(
            "%2", station_number(problem.held))
    if problem.news is SyncNews.OTHER_SERVER:
        return QCoreApplication.translate(
            "StationWords", "The server is not the one this kiosk was paired with: downloaded everything again.")
    return _COUNTED.conference_over(problem.count)
