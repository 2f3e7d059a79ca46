#!/usr/bin/env bash
# The property-based run of the API contract: schemathesis generates requests from
# openapi.yaml and sends them to the local API (the same handlers, on the AWS emulator, with
# the demo data) as an employee, a referent, a coordinator and the operator; it fails on any
# 5xx, any response that contradicts its schema, and any status the document does not list.
#
# Every check runs but `positive_data_acceptance` ("a schema-valid request is accepted"): the
# API refuses, with a 400 that names the field, requests that no schema can rule out — a date
# already past, an entity of another company, a consent version no longer in force, a
# colleague's address outside the company's domains, a text of spaces that is empty once
# trimmed — and the document lists those 400s.
#
#   scripts/fuzz-api.sh                      # bounded, as inside `make test`
#   MAX_EXAMPLES=200 MAX_TIME=3600 scripts/fuzz-api.sh   # longer (see the README)
#
# Uses the emulator of AWS_ENDPOINT_URL when it is set (make test's), or starts its own.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/emulator.sh

max_examples=${MAX_EXAMPLES:-4}
max_time=${MAX_TIME:-60}
roles=${FUZZ_AS:-maelys sophie coline camille isabelle}

if [ -z "${AWS_ENDPOINT_URL:-}" ]; then
  port=$(free_port)
  start_emulator "$port" .dev/fuzz-emulator.log .dev/fuzz-emulator.pid
  trap stop_emulator EXIT
  use_emulator "$port"
fi
mkdir -p .dev
cargo build -q --locked -p platform-tests --bin local-api
api_port=$(free_port)
LOCAL_API_PORT=$api_port target/debug/local-api >.dev/fuzz-api.log 2>&1 &
api_pid=$!
trap 'kill $api_pid 2>/dev/null || true; stop_emulator' EXIT
base="http://127.0.0.1:$api_port"
token_of() {
  python3 -c 'import json, sys, urllib.request; print(json.load(urllib.request.urlopen(sys.argv[1] + "/_local/token?as=" + sys.argv[2], timeout=5))["token"])' "$base" "$1"
}
for _ in $(seq 1 150); do
  token_of maelys >/dev/null 2>&1 && break
  kill -0 $api_pid 2>/dev/null || { cat .dev/fuzz-api.log >&2; exit 1; }
  sleep 0.2
done

# One worker: with two, CPython 3.11.7's ast.parse (hypothesis describing its strategies from
# two threads) fails now and then with "AST constructor recursion depth mismatch".
status=0
for who in $roles; do
  token=$(token_of "$who")
  echo "== schemathesis as $who (at most $max_examples examples per operation, $max_time s)"
  if ! .venv/bin/st run openapi.yaml --url "$base" -H "Authorization: Bearer $token" \
      --checks all --exclude-checks positive_data_acceptance --max-examples "$max_examples" --max-time "$max_time" --workers 1 \
      --seed "${SEED:-20261202}" --no-color --warnings off \
      --report junit --report-dir "target/test-artifacts/schemathesis/$who"; then
    status=1
  fi
done
exit $status
