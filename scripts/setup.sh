#!/usr/bin/env bash
# Set up this checkout on a Debian machine: system packages, .venv, Python packages, catalogs, database.
# Usage: scripts/setup.sh [run|test]   ("test" adds the test tools and Debian's chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
purpose="${1:-run}"

packages=(fonts-noto-core fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libcairo2 fontconfig)
if [ "$purpose" = test ]; then
  packages+=(chromium poppler-utils)
  command -v npm >/dev/null || packages+=(nodejs npm)
fi
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  packages+=(python3-venv)
fi

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "These system packages are missing. Install them, then run this again:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
extras=""
[ "$purpose" = test ] && extras="[test]"
stamp=".venv/.setup-stamp-$purpose"
wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".$extras"
  echo "$wanted" > "$stamp"
fi

if [ "$purpose" = test ] && [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm ci --no-audit --no-fund --silent  # axe-core, for the accessibility tests
fi

export FLASK_APP=wsgi
.venv/bin/flask translate compile
.venv/bin/flask db migrate
.venv/bin/flask board seed
