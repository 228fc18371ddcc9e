#!/usr/bin/env bash
# Build the kiosk bundle (one folder) with PyInstaller and prove it works: its --self-test runs
# offscreen (cache, decoding a sample badge photo, rendering a badge to PDF) and must exit 0.
#
#   bash packaging/build_kiosk.sh        → dist/doorstation-kiosk/doorstation-kiosk
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/dev.sh setup
UV_PYTHON_DOWNLOADS=never .tools/bin/uv sync --frozen --quiet --group packaging
rm -rf build/doorstation-kiosk dist/doorstation-kiosk
started=$(date +%s)
.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build packaging/doorstation-kiosk.spec
echo "Built dist/doorstation-kiosk in $(( $(date +%s) - started )) s, $(du -sh dist/doorstation-kiosk | cut -f1)."
QT_QPA_PLATFORM=offscreen dist/doorstation-kiosk/doorstation-kiosk --self-test
