#!/usr/bin/env bash
# Headless Chromium for tests/e2e/test_parent_browser.py: Debian's package, because
# `playwright install` downloads its own browser build, which cannot work offline here.
# The playwright Python package itself is pinned in requirements.txt. Safe to run twice.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version 2>/dev/null || true
