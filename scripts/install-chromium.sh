#!/bin/sh
# Installs Debian's Chromium for the dashboard's browser test (test/e2e/dashboard.test.ts drives /usr/bin/chromium through
# playwright-core; never a downloaded browser). Does nothing when it is already there.
set -eu
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  run() { "$@"; }
else
  run() { sudo "$@"; }
fi
echo "installing Debian's chromium for the dashboard's browser test" >&2
run env DEBIAN_FRONTEND=noninteractive apt-get update
run env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
