#!/usr/bin/env bash
# Installs the headless Chromium that renders the Data Docs quality report in tests.
# Idempotent: does nothing when /usr/bin/chromium exists. Needs root (or passwordless sudo)
# and Debian's package repositories.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    echo "install_chromium: $CHROMIUM already present ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))."
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
else
    echo "install_chromium: cannot install Chromium: not root and no passwordless sudo." >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_chromium: cannot install Chromium: apt-get not found (Debian/Ubuntu only)." >&2
    exit 1
fi

echo "install_chromium: $CHROMIUM missing; running: apt-get update -qq"
if ! "${SUDO[@]}" apt-get update -qq; then
    echo "install_chromium: apt-get update failed (no access to the package repositories?)." >&2
    exit 1
fi
echo "install_chromium: running: apt-get install -y -qq chromium"
if ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; then
    echo "install_chromium: apt-get install chromium failed." >&2
    exit 1
fi

if [ ! -x "$CHROMIUM" ]; then
    echo "install_chromium: chromium installed but $CHROMIUM is missing." >&2
    exit 1
fi
echo "install_chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")."
