# shellcheck shell=bash
# Sourced by scripts/demo, scripts/test and scripts/bench: make the machine
# ready, idempotently. Installs the Debian packages below when they are missing (as root), or
# prints the exact command to run; then installs the locked Python dependencies and the project
# (editable) into .venv/, so .venv/bin/kiosk is the command line.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.venv"
LOCK="$ROOT/scripts/lib/requirements.lock"          # the project's and the tests' packages
BUILD_LOCK="$ROOT/scripts/lib/build-requirements.lock"  # pip, and what builds pyscard

# Every Debian package the program or a test needs, one reason each. Installed with
# --no-install-recommends, so a package that is only a Recommends of another is named here.
# tests/test_setup.py checks that each file the project relies on comes from this list.
DEBIAN_PACKAGES=(
  pcscd            # the PC/SC daemon: `--reader pcsc` and the PC/SC tests talk through it
  vsmartcard-vpcd  # the virtual reader driver pcscd loads (vpcd, port 35963)
  libpcsclite-dev  # PC/SC headers and libpcsclite.so, which pyscard builds and links against
  gcc              # compiles pyscard's C extension
  libc6-dev        # C library headers for that build (only a Recommends of gcc)
  pkg-config       # pyscard's build asks it for PC/SC's compiler flags
  fonts-ipaexfont  # IPAex 明朝 and ゴシック: in every certificate; Chromium's kanji (fontconfig's ja)
  poppler-utils    # pdftotext, pdftoppm, pdfinfo: the tests read the printed PDFs back
  poppler-data     # the CMaps poppler needs to read Japanese in the CID font (only a Recommends)
  postgresql       # server binaries for the throwaway cluster the PostgreSQL tests start
  espeak-ng        # the kiosk's voice; espeak-ng-data (with the Japanese voice) comes with it
  tmux             # a real terminal: `scripts/bench seed` times the demo's first screen in it
  chromium         # the browser the browser test drives, headless, through `kiosk serve`
  chromium-driver  # chromedriver of chromium's own build: selenium drives chromium with it
  tzdata           # Asia/Tokyo for zoneinfo: every clock and date rule is in JST
  ca-certificates  # the trust store pip uses for TLS to the package registry
)
# Only scripts/fresh-check's host needs it: it builds the minimal Debian 12 root.
FRESH_CHECK_PACKAGES=(debootstrap)
# The interpreter, when the system one is used: Python ≥ 3.11 with venv and the C headers.
PYTHON_PACKAGES=(python3 python3-venv python3-dev)

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

python_ok() {
  command -v python3 >/dev/null 2>&1 &&
    python3 -c 'import sys, sysconfig, os, ensurepip, venv
sys.exit(sys.version_info < (3, 11)
         or not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
      2>/dev/null
}

# Prints the named packages that are not installed, one a line.
missing_packages() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

# ensure_packages NAME...: install what is missing (as root) or say the exact command and stop.
ensure_packages() {
  command -v dpkg-query >/dev/null 2>&1 || {
    log "not a Debian system: install the equivalents of: $*"
    return 0
  }
  local missing
  mapfile -t missing < <(missing_packages "$@")
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    log "missing Debian packages. Run this, then start again:"
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
}

ensure_debian_packages() {
  if python_ok; then
    ensure_packages "${DEBIAN_PACKAGES[@]}"
  else
    ensure_packages "${DEBIAN_PACKAGES[@]}" "${PYTHON_PACKAGES[@]}"
  fi
}

# The venv holds exactly the locked versions: pip and the build tools first (hash-checked),
# then every dependency (hash-checked, built without fetching anything unlocked), then the
# project itself without dependencies. Redone whenever pyproject.toml or a lock changes.
ensure_venv() {
  local stamp="$VENV/.installed-stamp"
  local want
  want="$(cat "$ROOT/pyproject.toml" "$LOCK" "$BUILD_LOCK" | sha256sum | cut -d' ' -f1)"
  if [ ! -x "$VENV/bin/python" ]; then
    log "creating $VENV"
    python3 -m venv "$VENV"
  fi
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || [ ! -x "$VENV/bin/kiosk" ]; then
    log "installing the locked Python packages into .venv"
    local pip=("$VENV/bin/python" -m pip install -q --disable-pip-version-check)
    # The build tools (swig among them) run from the venv's bin during the builds below.
    PATH="$VENV/bin:$PATH" "${pip[@]}" --require-hashes -r "$BUILD_LOCK"
    PATH="$VENV/bin:$PATH" "${pip[@]}" --require-hashes --no-build-isolation -r "$LOCK"
    PATH="$VENV/bin:$PATH" "${pip[@]}" --no-deps --no-build-isolation -e "$ROOT"
    echo "$want" >"$stamp"
  fi
}


# RSA keys for the demo cards, made ahead once per installation so that seeding takes a
# second (backend/jpki/key_pool.py); refilled only when fewer than one seeding's worth is left.
ensure_key_pool() {
  "$VENV/bin/kiosk" admin key-pool fill --if-below --quiet
}

# scripts/fresh-check and tests/test_setup.py read the lists and helpers without setting up.
if [ "${KIOSK_SETUP_DEFINE_ONLY:-}" != 1 ]; then
  ensure_debian_packages
  ensure_venv
  ensure_key_pool
fi
