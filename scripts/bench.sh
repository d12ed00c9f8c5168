#!/usr/bin/env bash
# `make bench`: the module benchmarks on generated data, one table printed and kept in bench/RESULTS.md.
# Not part of CI.
#   SCALE=1000000 (default: issue scale) or SCALE=small (1 %)   customers and opportunities generated
#   FRESH=1      rebuild the benchmark database (otherwise it is reused, with our modules upgraded)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/lib.sh
bench_env
mkdir -p .artifacts
if [ -n "${FRESH:-}" ] && db_exists "$DB"; then
    dropdb "$DB"
fi
bench_db_ensure "$DB"
log "benchmarks on $DB at $SCALE customers (generation happens once per database)"
"$VENV/bin/python" bench/run.py "$DB" "$SCALE" ${MODULES:-}
