#!/usr/bin/env bash
# Installs Debian's Chromium and its driver for the approvers' page tests, unless both are already there.
# The tests give Selenium /usr/bin/chromedriver explicitly, so Selenium never downloads a browser or driver.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "chromium and chromedriver are installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "chromium.sh: installing chromium and chromium-driver needs root (apt-get)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium chromium-driver
/usr/bin/chromedriver --version
