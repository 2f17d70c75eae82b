#!/usr/bin/env bash
# Builds (installing missing packages first) and runs the default test suite. Slow tests (training,
# full-treebank evaluation) carry the CTest label `slow`: run them with `ctest --test-dir build -L slow`.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${1:-build}"
shift || true
scripts/setup.sh "$build_dir" "$@"
ctest --test-dir "$build_dir" -LE slow --output-on-failure -j "$(nproc)"
