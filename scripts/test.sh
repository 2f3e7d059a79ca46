#!/usr/bin/env bash
# `make test`: lint the infrastructure, build every function, and run every test against
# an emulator of its own on a free loopback port.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/emulator.sh

started=$(date +%s)
# Each step's heading says when it began (seconds since the start), to see where a run's time goes.
step() { echo "== [$(( $(date +%s) - started )) s] $*"; }
# Debian packages the tests use: pdftotext reads the generated PDFs back (poppler-utils), and
# the e-mail-link pages are opened in a real headless Chromium (chromium, driven by the
# virtualenv's Playwright).
missing=()
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]} (Debian)"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || { $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}"; }
fi
step "cfn-lint infra/template.yaml"
.venv/bin/cfn-lint infra/template.yaml
step "openapi-spec-validator openapi.yaml (OpenAPI 3.1)"
.venv/bin/openapi-spec-validator openapi.yaml
step "checkov (offline; skips justified in the README)"
.venv/bin/checkov --config-file .checkov.yaml -f infra/template.yaml

step "cargo fmt --check"
cargo fmt --all --check
step "cargo clippy --all-targets -- -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "build the bootstrap binary and the local tools"
cargo build --workspace --bins --locked

port=$(free_port)
start_emulator "$port" .dev/test-emulator.log .dev/test-emulator.pid
trap stop_emulator EXIT
use_emulator "$port"
step "tests (AWS emulator on 127.0.0.1:$port)"
rm -rf target/test-artifacts
cargo test --workspace --locked -- --test-threads "${TEST_THREADS:-4}"
step "every answer of the tests against openapi.yaml"
.venv/bin/python scripts/check-responses.py
step "schemathesis against the local API (bounded; see the README to run it longer)"
scripts/fuzz-api.sh
step "artefacts: target/test-artifacts/ (page screenshots, schemathesis reports)"
echo "== make test: $(( $(date +%s) - started )) s, target/ $(du -sh target 2>/dev/null | cut -f1)"
