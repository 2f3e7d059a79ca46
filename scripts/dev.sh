#!/usr/bin/env bash
# `make dev`: the AWS emulator, the table, bucket and SES identity, the demo data, and every
# function behind one local HTTP address. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/emulator.sh

emulator_port=${EMULATOR_PORT:-4566}
export LOCAL_API_PORT=${LOCAL_API_PORT:-3000}
mkdir -p .dev
# A previous run's emulator that was not stopped holds the port: stop it.
if [ -f .dev/emulator.pid ] && kill -0 "$(cat .dev/emulator.pid)" 2>/dev/null; then
  kill "$(cat .dev/emulator.pid)" 2>/dev/null || true
  sleep 0.5
fi
cargo build -q -p platform-tests --bin local-api
start_emulator "$emulator_port" .dev/emulator.log .dev/emulator.pid
trap stop_emulator EXIT INT TERM
use_emulator "$emulator_port"
target/debug/local-api
