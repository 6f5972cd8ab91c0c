#!/usr/bin/env bash
# Makes sure Debian's chromium is at /usr/bin/chromium for the docs page test; installs it with apt when absent.
# Never downloads a browser build: the distribution package is the only source. Fails loudly when it cannot.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then exit 0; fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensureChromium: $CHROMIUM is missing and apt-get is not available; install Debian's chromium package." >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensureChromium: $CHROMIUM is missing; run 'apt-get install -y chromium' as root." >&2
    exit 1
  fi
fi

echo "ensureChromium: installing chromium with apt-get (once)" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# Ubuntu's chromium is a snap wrapper; Debian's package is the real browser.
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null

if [ ! -x "$CHROMIUM" ]; then
  echo "ensureChromium: apt-get finished but $CHROMIUM does not exist." >&2
  exit 1
fi
