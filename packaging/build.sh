#!/usr/bin/env bash
# Build the one-folder desktop app at dist/smsflow-desktop/ and a .tar.gz of it.
# Usage: bash packaging/build.sh   (from anywhere; uses ./.venv, created by scripts/dev.sh setup)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/dev.sh setup
.venv/bin/python -m pip install -q "pyinstaller>=6.10,<7"
version=$(.venv/bin/python -c 'import smsflow_desktop; print(smsflow_desktop.__version__)')
start=$(date +%s)
rm -rf build/pyinstaller dist/smsflow-desktop
.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/smsflow-desktop.spec
install -m 644 packaging/io.smsflow.desktop.desktop packaging/io.smsflow.desktop.metainfo.xml dist/smsflow-desktop/
install -m 644 smsflow_desktop/resources/icons/app.svg dist/smsflow-desktop/io.smsflow.desktop.svg
tarball="dist/smsflow-desktop-${version}-linux-$(uname -m).tar.gz"
tar -C dist -czf "$tarball" smsflow-desktop
end=$(date +%s)
size=$(du -sm dist/smsflow-desktop | cut -f1)
echo "built dist/smsflow-desktop/ (${size} MB) and ${tarball} in $((end - start)) s"
