#!/usr/bin/env bash
# `make bench`: the benchmark harness (not timed tests). Builds in release (the profile the
# deployed binary is built with): the platform's `bootstrap`, the minimal lambda_http `floor`
# and the harness. Measures the in-memory search at 5,000 and 50,000 missions, the index
# snapshot, a cold catalogue load against the emulator, the release binary's cold starts as
# Lambda runs it (a local Runtime API) at demo size, 5,000 and 50,000 missions, the alert
# digests and the CSR report, and prints Markdown tables (copied into the README).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/emulator.sh
cargo build --release --locked -p functions -p platform-tests --bin bootstrap --bin floor --bin bench
port=$(free_port)
start_emulator "$port" .dev/bench-emulator.log .dev/bench-emulator.pid
trap stop_emulator EXIT
use_emulator "$port"
# The digest run writes each subscriber's e-mail in a transaction, and the emulator copies the
# whole table for every transaction (DynamoDB does not): its time grows with the square of the
# subscribers, so the run measures 500 of them (the costs per subscriber are what it reports).
target/release/bench --missions "${MISSIONS:-50000}" --small-missions "${SMALL_MISSIONS:-5000}" --queries "${QUERIES:-200}" \
  --emulator-missions "${EMULATOR_MISSIONS:-5000}" --coldstart "${COLDSTART:-0,5000,50000}" \
  --subscribers "${SUBSCRIBERS:-500}" --report-engagements "${REPORT_ENGAGEMENTS:-5000}"
