#!/usr/bin/env bash
# One entry point for a fresh checkout: installs what is missing, then runs the demo or the tests.
#
#   bash packaging/dev.sh setup   only install what is missing
#   bash packaging/dev.sh demo    a demo server (SQLite, seeded) and a kiosk window paired to it
#   bash packaging/dev.sh test    the whole test suite (PostgreSQL tests need DOORSTATION_TEST_POSTGRES_URL
#                                 or a server on 127.0.0.1:5432 with a database "test")
#
# Needs only python3 (3.11+) and bash. System packages (Qt's libraries, zbar, Xvfb, CA certificates,
# Debian's python3.X-venv) are installed with apt-get when run as root on Debian/Ubuntu, and all
# named in one message otherwise. Each step says what it does as it goes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SYSTEM_PACKAGES=(
    ca-certificates                                             # HTTPS to PyPI (uv uses the system's store)
    libzbar0                                                    # pyzbar
    libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3   # Qt offscreen
    xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0  # Qt on X
    libpulse0                                                   # QtMultimedia
    xdotool openbox x11-utils                                   # tests: keys through a real X server, a window manager
    chromium fonts-dejavu-core                                  # tests: the web console in a real browser (marked "browser")
    libatomic1                                                  # tests: Playwright's driver (a node binary in its wheel)
)
PYTHON=${PYTHON:-python3}
# uv fetches from PyPI through the system's certificate store, as pip does on Debian: on a network that
# intercepts TLS with its own CA (installed in the system store), set-up works wherever pip works.
# (UV_SYSTEM_CERTS is uv 0.13's name for what older releases called UV_NATIVE_TLS.)
export UV_SYSTEM_CERTS=${UV_SYSTEM_CERTS:-${UV_NATIVE_TLS:-1}}

step() { echo "==> $*"; }

check_python() {
    command -v "$PYTHON" >/dev/null || {
        echo "Doorstation needs Python 3.11 or newer: install it (as root: apt-get install python3 python3-venv)."; exit 1; }
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
        echo "Doorstation needs Python 3.11 or newer; $PYTHON is $("$PYTHON" --version 2>&1)."; exit 1; }
}

# Debian ships `python3 -m venv`'s pip bootstrap (ensurepip) apart, as python3.X-venv. It is needed
# once, to install uv into .tools/ (uv makes .venv/ without it).
venv_package() {
    [ -x .tools/bin/uv ] && return 0
    "$PYTHON" -c 'import ensurepip' 2>/dev/null && return 0
    if [ "$("$PYTHON" -c 'import sys; print(sys.base_prefix)')" = /usr ]; then
        "$PYTHON" -c 'import sys; print(f"python{sys.version_info[0]}.{sys.version_info[1]}-venv")'
    else
        echo "$PYTHON ($(command -v "$PYTHON")) cannot make virtual environments (no ensurepip); use a Python" \
             "that has it, e.g. Debian's python3 with python3-venv: PYTHON=/usr/bin/python3 bash packaging/dev.sh ..." >&2
        exit 1
    fi
}

install_system_packages() {
    command -v dpkg-query >/dev/null || return 0
    local missing=() venv
    venv=$(venv_package)
    for p in "${SYSTEM_PACKAGES[@]}" $venv; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        step "System packages: all ${#SYSTEM_PACKAGES[@]} present"
        return 0
    fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        step "System packages: installing ${#missing[@]} (and what they need): ${missing[*]}"
        echo "    apt-get update"
        apt-get update -q | sed -u -n 's/^\(Get\|Hit\):[0-9]* \([^ ]*\) \([^ ]*\).*/    \1 \2 \3/p'
        # One line per package downloaded and per package set up: progress, without apt's full chatter.
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Use-Pty=0 --no-install-recommends "${missing[@]}" \
            | sed -u -n -e 's/^Need to get \(.*\)/    download: \1/p' -e 's/^Get:[0-9]* [^ ]* [^ ]* [^ ]* \([^ ]*\) .*/    got \1/p' \
                  -e 's/^Setting up \([^ ]*\) .*/    set up \1/p'
    else
        echo "Missing system packages. Install them (as root, or with sudo), then run this again:"
        echo "    apt-get install ${missing[*]}"
        exit 1
    fi
}

install_python_environment() {
    # uv lives in its own small venv so that `uv sync` (which removes what the lock does not list)
    # never uninstalls it from the project's environment.
    if [ ! -x .tools/bin/uv ]; then
        step "uv (the package installer) into .tools/, with pip"
        "$PYTHON" -m venv .tools
        .tools/bin/pip install -q --disable-pip-version-check "uv>=0.13"
    fi
    if [ -d .venv ]; then
        step "Python packages from uv.lock into .venv/ (only what changed)"
    else
        step "Python packages from uv.lock into a new .venv/ (about 1 GB, a few minutes)"
    fi
    # Byte-compile at install: start-up is then ~3x faster, even where PYTHONDONTWRITEBYTECODE is set.
    UV_PYTHON_DOWNLOADS=never .tools/bin/uv sync --frozen --compile-bytecode --python "$PYTHON"
}

compile_translations() {
    step "The kiosk's translations: .ts → .qm (pyside6-lrelease)"
    .venv/bin/python -m doorstation.translations compile >/dev/null
}

setup() {
    check_python
    install_system_packages
    install_python_environment
    compile_translations
}

postgres_url_for_tests() {
    [ -n "${DOORSTATION_TEST_POSTGRES_URL:-}" ] && return 0
    if .venv/bin/python -c 'import socket; socket.create_connection(("127.0.0.1", 5432), 1)' 2>/dev/null; then
        export DOORSTATION_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:5432/test"
    fi
}

case "${1:-}" in
    setup)
        setup
        step "Ready. Commands: .venv/bin/doorstation --help (or 'source .venv/bin/activate', then doorstation …)"
        ;;
    demo)
        shift
        setup
        step "Demo: doorstation demo $*"
        exec .venv/bin/doorstation demo "$@"
        ;;
    test)
        shift
        setup
        postgres_url_for_tests
        step "Tests: pytest $*${DOORSTATION_TEST_POSTGRES_URL:+ (PostgreSQL: $DOORSTATION_TEST_POSTGRES_URL)}"
        export QT_QPA_PLATFORM=offscreen
        exec .venv/bin/python -m pytest "$@"
        ;;
    *)
        echo "usage: bash packaging/dev.sh setup|demo|test [args...]"
        exit 2
        ;;
esac
