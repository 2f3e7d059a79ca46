# Sourced by dev.sh and test.sh: start and stop the local AWS emulator (moto server mode).
# shellcheck shell=bash

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_emulator PORT LOGFILE PIDFILE
start_emulator() {
  local port=$1 log=$2 pidfile=$3
  mkdir -p "$(dirname "$log")"
  .venv/bin/python scripts/emulator.py 127.0.0.1 "$port" >"$log" 2>&1 &
  echo $! >"$pidfile"
  EMULATOR_PID=$!
  for _ in $(seq 1 100); do
    if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/moto-api/', timeout=1)" 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "$EMULATOR_PID" 2>/dev/null; then
      echo "the AWS emulator did not start; its log ($log):" >&2
      cat "$log" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "the AWS emulator did not answer on port $port within 20 s" >&2
  return 1
}

stop_emulator() {
  if [ -n "${EMULATOR_PID:-}" ] && kill -0 "$EMULATOR_PID" 2>/dev/null; then
    kill "$EMULATOR_PID" 2>/dev/null || true
    wait "$EMULATOR_PID" 2>/dev/null || true
  fi
}

# The standard variables the AWS SDK reads: every client goes to the emulator.
use_emulator() {
  export AWS_ENDPOINT_URL="http://127.0.0.1:$1"
  export AWS_REGION=eu-west-3
  export AWS_ACCESS_KEY_ID=local
  export AWS_SECRET_ACCESS_KEY=local
  export AWS_EC2_METADATA_DISABLED=true
  unset AWS_PROFILE AWS_SESSION_TOKEN
}
