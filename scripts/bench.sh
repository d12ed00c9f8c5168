#!/usr/bin/env bash
# `make bench`: the module benchmarks on generated data, one table printed and kept in bench/RESULTS.md.
# Not part of CI.
#   SCALE=1000000 (default: issue scale) or SCALE=small (1 %)   customers and opportunities generated
#   FRESH=1      rebuild the benchmark database (otherwise it is reused, with our modules upgraded)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/lib.sh
pg_ensure
SCALE=${SCALE:-1000000}
[ "$SCALE" = small ] && SCALE=10000
DB=${DB:-crm_bench_$SCALE}
mkdir -p .artifacts
if [ -n "${FRESH:-}" ] && db_exists "$DB"; then
    dropdb "$DB"
fi
# The modules with benchmarks (bench/run.py SUITES) and the Chinese chart of accounts (the invoices of the
# query-count suite need accounts and journals); a reused database gets the missing ones and upgrades all.
BENCH_MODULES=crm_lifecycle,sales_funnel,sales_team_mgmt,l10n_cn_small_business
if ! db_exists "$DB"; then
    log "creating $DB (our modules, no demo data)"
    createdb "$DB"
    odoo -c odoo.conf -d "$DB" -i "$BENCH_MODULES" --without-demo=all --stop-after-init --http-port="$(free_port)" \
        --logfile=".artifacts/$DB-install.log" || die "cannot create $DB; see .artifacts/$DB-install.log"
else
    odoo -c odoo.conf -d "$DB" -i "$BENCH_MODULES" -u "$BENCH_MODULES" --without-demo=all --stop-after-init \
        --http-port="$(free_port)" \
        --logfile=".artifacts/$DB-update.log" || die "cannot upgrade $DB; see .artifacts/$DB-update.log"
fi
log "benchmarks on $DB at $SCALE customers (generation happens once per database)"
"$VENV/bin/python" bench/run.py "$DB" "$SCALE" ${MODULES:-}
