#!/usr/bin/env bash
# `make bench`: the benchmark harness (not timed tests). Builds with the `perf` profile,
# measures the in-memory search at 50,000 missions and a cold catalogue load against the
# emulator, and prints Markdown tables (copied into the README).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/emulator.sh
cargo build --profile perf -p platform-tests --bin bench
port=$(free_port)
start_emulator "$port" .dev/bench-emulator.log .dev/bench-emulator.pid
trap stop_emulator EXIT
use_emulator "$port"
target/perf/bench --missions "${MISSIONS:-50000}" --queries "${QUERIES:-200}" --emulator-missions "${EMULATOR_MISSIONS:-5000}"
