#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests (tests/StatusHub.Browser.Tests).
# Playwright's own browser download is never used: the tests drive this system package. Installs it with apt-get when
# missing (as root, or through sudo otherwise), prints its version, and exits 0.
set -euo pipefail

chromium=/usr/bin/chromium

as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "ensure-chromium: $chromium is missing and installing it needs root; run this script as root or install sudo." >&2
    exit 1
  fi
}

if [[ ! -x "$chromium" ]]; then
  echo "==> Installing Debian's chromium with apt-get (needed by the browser tests)"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

if [[ ! -x "$chromium" ]]; then
  echo "ensure-chromium: apt-get finished but $chromium is still missing." >&2
  exit 1
fi

# Debian's wrapper script may print a harmless shell warning on stderr; the version line goes to stdout.
echo "Chromium for the browser tests: $("$chromium" --version 2>/dev/null)"
