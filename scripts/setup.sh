#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks and builds dyad. Safe to re-run: installs only missing
# packages and rebuilds only what changed.
#   scripts/setup.sh [BUILD_DIR] [extra cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${1:-build}"
shift || true

packages=(build-essential cmake pkg-config libicu-dev libsqlite3-dev libcli11-dev nlohmann-json3-dev
          libfmt-dev libpugixml-dev libzstd-dev libgtest-dev libgmock-dev libbenchmark-dev clang-format
          python3 python3-pandas time)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
echo "setup: built $build_dir/dyad"
