"""The kiosk on its own (what the installed bundle runs): ``python -m kiosk [--self-test] …``.

No server code is imported here, so the bundle carries only the kiosk.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="doorstation-kiosk", description="Doorstation check-in kiosk.")
    parser.add_argument("--data-dir", type=Path, help="cache and settings folder (default: the platform's data folder)")
    parser.add_argument("--server-url", default="", help="pair with this server first (with --pairing-code)")
    parser.add_argument("--pairing-code", default="")
    parser.add_argument("--camera-file", type=Path, action="append", default=[], help="image files as the camera")
    parser.add_argument("--decoder", choices=["zxing-cpp", "pyzbar", "opencv"])
    parser.add_argument("--windowed", action="store_true", help="stay in a window even in kiosk mode")
    parser.add_argument("--self-test", action="store_true", help="check the install offscreen and exit")
    args = parser.parse_args(argv)
    if args.self_test:
        from kiosk.self_test import run

        return run()
    import platformdirs

    from kiosk.core import data_folder
    from kiosk.core.device import PairingError, ScansWaitingError, pair
    from kiosk.ui.app import run_kiosk
    from kiosk.ui.main_window import KioskOptions

    data_dir = args.data_dir or Path(platformdirs.user_data_dir("doorstation-kiosk", appauthor=False))
    if bool(args.server_url) != bool(args.pairing_code):
        print("error: --server-url and --pairing-code go together", file=sys.stderr)
        return 2
    data_folder.protect(data_dir)  # before anything is written there
    if args.pairing_code:
        try:
            credentials = pair(args.server_url, args.pairing_code, data_dir)
        except ScansWaitingError as waiting:  # the new pairing is kept; the kiosk's screen asks what to do
            print(f"{waiting} The kiosk asks now: upload them to that server first, export them to a file, "
                  "or discard them with the PIN.", file=sys.stderr)
        except PairingError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        else:
            print(f"Paired with {credentials.conference_name} as '{credentials.station}'.")
    for path in args.camera_file:
        if not path.is_file():
            print(f"error: no image file at {path}", file=sys.stderr)
            return 2
    return run_kiosk(KioskOptions(data_dir=data_dir, image_files=args.camera_file, decoder=args.decoder,
                                  windowed=args.windowed))


if __name__ == "__main__":
    sys.exit(main())
