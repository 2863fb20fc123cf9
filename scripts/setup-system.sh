#!/usr/bin/env bash
# Install the Debian packages overheard needs (only those missing; no-op when all are there).
#   espeak-ng, sox          make the sample and test audio
#   chromium                the browser the web tests drive (never downloaded by Playwright)
#   python3-venv            virtual environments on a stock Debian Python
#   fonts-dejavu-core       glyphs for Cyrillic in plots and screenshots
#   postgresql              initdb/pg_ctl for the private server the shared-store tests start
#   festvox-ru              real human Russian speech (read sentences + prompts) for the speech tests and benchmarks
#   libicu-dev pkg-config g++  build PyICU, which followthemoney (the FtM export) needs through normality
set -euo pipefail
packages=(espeak-ng sox libsox-fmt-all chromium fonts-dejavu-core postgresql festvox-ru libicu-dev pkg-config g++)
if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
  packages+=(python3-venv)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
