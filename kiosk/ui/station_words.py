"""The kiosk's words for what kiosk.core answers in codes: a station's mode, a scan's kind, why the kiosk was
wiped, what a set-up lacks, why pairing failed, what an undo took back. Through Qt's translators, so they
follow the station's language (``kiosk/translations/doorstation_<language>.ts``, context ``StationWords``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.core.device import PairingError
from kiosk.core.settings import InvalidSettings, SettingsProblem, StationMode
from kiosk.core.wipe import WipeReason


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
    """Why pairing failed, in the station's language where the kiosk knows the reason; the server's own
    refusal ("That pairing code is not valid.") as the server said it."""
    if isinstance(error, PairingError):
        if error.code == "unreachable":
            return QCoreApplication.translate("StationWords", "Cannot reach the server at %1.").replace(
                "%1", error.server)
        if error.code == "server_error":
            return QCoreApplication.translate("StationWords", "The server answered %1; try again in a moment.").replace(
                "%1", str(error.status))
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
