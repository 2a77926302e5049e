#!/usr/bin/env bash
# CI services: the Debian packages the tests need besides Python ones. PostgreSQL's binaries (the tests start
# their own throwaway server with them: tests/pg.py) and Chromium (browser tests of the web UI).
# Installs only what is missing; quiet and non-interactive. Needs root (or sudo) on Debian/Ubuntu.
set -euo pipefail

missing=()
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && ! command -v initdb >/dev/null; then
    missing+=(postgresql)
fi
if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
    missing+=(chromium)
fi
if [ ${#missing[@]} -eq 0 ]; then
    echo "services: postgresql and chromium already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
echo "services: installing ${missing[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian's postgresql package starts a cluster of its own; the tests do not use it.
if command -v service >/dev/null && [ -d /etc/postgresql ]; then
    $SUDO service postgresql stop >/dev/null 2>&1 || true
fi
