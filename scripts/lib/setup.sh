# shellcheck shell=bash
# Sourced by scripts/demo, scripts/test and scripts/bench: make the machine ready, idempotently.
# Installs the Debian packages the project needs when they are missing (as root), or prints the
# exact command to run; then puts the project into .venv/ (editable) so .venv/bin/kiosk is the CLI.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.venv"

# pyscard builds from source on Linux (swig + libpcsclite-dev); pcscd + vsmartcard-vpcd give the
# real PC/SC stack for the virtual reader; IPAex fonts are embedded in the certificates; poppler
# reads PDFs back in tests; postgresql is the second database the backend suite runs against.
DEBIAN_PACKAGES=(
  pcscd vsmartcard-vpcd libpcsclite-dev swig gcc pkg-config
  fonts-ipaexfont poppler-utils postgresql espeak-ng tmux
)

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

python_ok() {
  command -v python3 >/dev/null 2>&1 &&
    python3 -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}

missing_debian_packages() {
  local p
  local missing=()
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # The system Python needs venv and headers on a bare Debian.
  if ! python_ok; then missing+=(python3 python3-venv python3-dev); fi
  if [ "${#missing[@]}" -gt 0 ]; then printf '%s\n' "${missing[@]}"; fi
}

ensure_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 || { log "not a Debian system: install the equivalents of: ${DEBIAN_PACKAGES[*]}"; return 0; }
  local missing
  mapfile -t missing < <(missing_debian_packages)
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    log "missing Debian packages. Run this, then start again:"
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

ensure_venv() {
  local stamp="$VENV/.installed-stamp"
  local want
  want="$(sha256sum <"$ROOT/pyproject.toml" | cut -d' ' -f1)"
  if [ ! -x "$VENV/bin/python" ]; then
    log "creating $VENV"
    python3 -m venv "$VENV"
  fi
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || [ ! -x "$VENV/bin/kiosk" ]; then
    log "installing the project into .venv (editable, with test tools)"
    "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
    "$VENV/bin/python" -m pip install -q -e "$ROOT[dev]"
    echo "$want" >"$stamp"
  fi
}

ensure_debian_packages
ensure_venv
