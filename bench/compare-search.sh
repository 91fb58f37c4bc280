#!/usr/bin/env bash
# Measures riskguide's search against Pagefind on the default site and on a
# synthetic site of 10,000 recommendations, in one run, in headless Chromium.
# Needs Chromium (see .ci/run) and the shared benchmark generator.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --prefix bench --no-audit --no-fund >/dev/null
export RISKGUIDE_GEN="${RISKGUIDE_GEN:-$(pwd)/../shared/bench/gen.py}"
go test ./bench/searchbench -run '^$' -bench . -benchtime 3x -timeout 30m
