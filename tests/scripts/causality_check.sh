#!/usr/bin/env bash
# Unpaced runs of the message-carrying scenarios, written as CSV and read back by an independent
# program (check_causality.py) that knows only the CSV: no effect before its cause.
#   causality_check.sh BIN_DIR
set -euo pipefail
lab="$1/interleave-lab"
here="$(cd "$(dirname "$0")" && pwd)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() { "$lab" run "$@" --duration 20s >/dev/null; }
run socket --set requests=1000 --set client_ms=0 --set server_ms=0 --trace "$out/socket.csv"
run message-queue --set messages=1000 --set priorities=3 --set write_ms=0 --set read_ms=0 \
    --trace "$out/mq.csv"
run pipe --set stages=3 --set messages=1000 --set write_ms=0 --set read_ms=0 --trace "$out/pipe.csv"
run shared-memory --set producers=4 --set consumers=4 --set items=2000 --set produce_ms=0 \
    --set consume_ms=0 --trace "$out/shm.csv"
python3 "$here/check_causality.py" "$out"/*.csv
