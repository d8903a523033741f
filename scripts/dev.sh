#!/usr/bin/env bash
# Set up smsflow-desktop in ./.venv and then open the app or run the tests.
#   bash scripts/dev.sh app [ARGS...]   set up, then open the app (demo workspace on first start)
#   bash scripts/dev.sh test [ARGS...]  set up, then run the whole test suite
#   bash scripts/dev.sh setup           set up only
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
  xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0 libx11-xcb1 desktop-file-utils appstream)
# The tests (not the app) also start a throwaway PostgreSQL server for the team-workspace store.
TEST_APT_PACKAGES=(postgresql)

say() { printf '%s\n' "$*" >&2; }

pick_python() {
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  say "smsflow-desktop needs Python 3.11 or newer; install it (e.g. apt-get install python3) and try again."
  exit 1
}

have_postgresql() {
  # Debian keeps PostgreSQL's programs in /usr/lib/postgresql/<major>/bin, off the PATH.
  command -v initdb >/dev/null 2>&1 && return 0
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

# install_system_packages [test]: the app's packages; with "test", also what the tests need.
install_system_packages() {
  command -v dpkg >/dev/null 2>&1 || return 0
  local missing=() pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ "${1:-}" = test ] && ! have_postgresql; then
    missing+=("${TEST_APT_PACKAGES[@]}")
  fi
  if ! "$PY" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    missing+=("python3-venv")
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing system packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "Some system packages that Qt or the tests need are missing. Install them with:"
    say "  sudo apt-get install -y ${missing[*]}"
    say "then run this command again."
    exit 1
  fi
}

# setup [test]: with "test", also the system packages the tests need (PostgreSQL).
setup() {
  PY=$(pick_python)
  install_system_packages "${1:-}"
  if [ ! -x .venv/bin/python ]; then
    say "Creating .venv with $("$PY" --version)"
    "$PY" -m venv .venv
  fi
  local stamp=.venv/.smsflow-installed
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    say "Installing smsflow-desktop and its dependencies into .venv"
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q -e '.[dev]'
    touch "$stamp"
  fi
}

what=${1:-app}
shift || true
case "$what" in
  setup) setup test ;;
  app)
    setup
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      say "No display found: opening the app on a virtual screen (Xvfb) and saving a picture of it to smsflow-window.png"
      exec xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/smsflow-desktop --screenshot smsflow-window.png "$@"
    fi
    exec .venv/bin/smsflow-desktop "$@"
    ;;
  test)
    setup test
    exec .venv/bin/python -m pytest "$@"
    ;;
  *) say "usage: bash scripts/dev.sh app|test|setup [ARGS...]"; exit 2 ;;
esac
