#!/usr/bin/env bash
# One entry point for a fresh checkout: installs what is missing, then runs the demo or the tests.
#
#   bash packaging/dev.sh setup   only install what is missing
#   bash packaging/dev.sh demo    a demo server (SQLite, seeded) and a kiosk window paired to it
#   bash packaging/dev.sh test    the whole test suite (PostgreSQL tests need DOORSTATION_TEST_POSTGRES_URL
#                                 or a server on 127.0.0.1:5432 with a database "test")
#
# Needs only python3 (3.11+) and bash. System libraries (Qt's, zbar, Xvfb) are installed with
# apt-get when run as root on Debian/Ubuntu, and named in one message otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SYSTEM_PACKAGES=(
    libzbar0                                                    # pyzbar
    libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3   # Qt offscreen
    xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0  # Qt on X
    libpulse0                                                   # QtMultimedia
    xdotool openbox x11-utils                                   # tests: keys through a real X server, a window manager
)

install_system_packages() {
    command -v dpkg-query >/dev/null || return 0
    local missing=()
    for p in "${SYSTEM_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing system packages: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "Missing system packages (install them, e.g. as root):"
        echo "    apt-get install ${missing[*]}"
        exit 1
    fi
}

install_python_environment() {
    local python=${PYTHON:-python3}
    "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
        echo "Doorstation needs Python 3.11 or newer; $python is $("$python" --version 2>&1)."; exit 1; }
    # uv lives in its own small venv so that `uv sync` (which removes what the lock does not list)
    # never uninstalls it from the project's environment.
    if [ ! -x .tools/bin/uv ]; then
        "$python" -m venv .tools
        .tools/bin/pip install -q --disable-pip-version-check uv
    fi
    # Byte-compile at install: start-up is then ~3x faster, even where PYTHONDONTWRITEBYTECODE is set.
    UV_PYTHON_DOWNLOADS=never .tools/bin/uv sync --frozen --quiet --compile-bytecode --python "$python"
}

postgres_url_for_tests() {
    [ -n "${DOORSTATION_TEST_POSTGRES_URL:-}" ] && return 0
    if .venv/bin/python -c 'import socket; socket.create_connection(("127.0.0.1", 5432), 1)' 2>/dev/null; then
        export DOORSTATION_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:5432/test"
    fi
}

case "${1:-}" in
    setup)
        install_system_packages
        install_python_environment
        ;;
    demo)
        shift
        install_system_packages
        install_python_environment
        exec .venv/bin/doorstation demo "$@"
        ;;
    test)
        shift
        install_system_packages
        install_python_environment
        postgres_url_for_tests
        export QT_QPA_PLATFORM=offscreen
        exec .venv/bin/python -m pytest "$@"
        ;;
    *)
        echo "usage: bash packaging/dev.sh setup|demo|test [args...]"
        exit 2
        ;;
esac
