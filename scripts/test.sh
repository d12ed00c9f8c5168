#!/usr/bin/env bash
# `make test`: lint, then a throwaway database with our modules installed under
# --test-enable (each module's tests/), then the top-level tests/ (pytest) against
# a server on a free loopback port; drops what it created and ends with one line
# `N passed, N failed`. Exits non-zero on any failed test or check and on any
# ERROR/CRITICAL line in the Odoo logs.
#   MODULES="quote_pricing"   test these modules (and ours they depend on) only; skips tests/
#   TEMPLATE_DB=name          start from an existing database that has the Odoo modules (developer speed-up)
#   KEEP_DB=1                 keep the test database for inspection
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
. scripts/lib.sh
pg_ensure

MODULES=${MODULES:-$OUR_MODULES}
DB="test_crm_$(date +%Y%m%d_%H%M%S)_$$"
ART=".artifacts/test-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$ART"
passed=0
failed=0
problems=()
server_pid=""
proxy_pid=""

check() {  # check NAME COMMAND...: a check counts as one passed or failed test
    local name=$1; shift
    if "$@" >"$ART/$name.out" 2>&1; then
        passed=$((passed + 1)); log "check $name: ok"
    else
        failed=$((failed + 1)); problems+=("check $name failed:"$'\n'"$(head -40 "$ART/$name.out")")
        warn "check $name failed (see $ART/$name.out)"
    fi
}

cleanup() {
    [ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    if [ -z "${KEEP_DB:-}" ] && db_exists "$DB"; then
        dropdb --if-exists "$DB" && rm -rf ".data/filestore/$DB"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- lint -----------------------------------------------------------------------
log "lint"
check flake8 "$VENV/bin/flake8" addons tests bench scripts
check xml "$VENV/bin/python" scripts/check_xml.py
check translations "$VENV/bin/python" scripts/po_check.py

# --- module tests in a throwaway database ---------------------------------------
install_log="$ART/odoo-install.log"
if [ -n "${TEMPLATE_DB:-}" ]; then
    log "creating $DB from template $TEMPLATE_DB"
    createdb -T "$TEMPLATE_DB" "$DB" || die "cannot copy $TEMPLATE_DB"
else
    log "creating $DB with the Odoo modules and zh_CN ($install_log)"
    odoo -c odoo.conf -d "$DB" -i "$BASE_MODULES" --load-language=zh_CN --stop-after-init --http-port="$(free_port)" \
        --logfile="$install_log" || { failed=$((failed + 1)); problems+=("installing the Odoo modules failed"); }
fi
tests_log="$ART/odoo-tests.log"
log "installing ${MODULES// /,} with --test-enable ($tests_log)"
if ! odoo -c odoo.conf -d "$DB" -i "${MODULES// /,}" --test-enable --stop-after-init --http-port="$(free_port)" \
        --logfile="$tests_log"; then
    problems+=("installing our modules with --test-enable exited non-zero")
fi
read -r odoo_ran odoo_failed < <("$VENV/bin/python" scripts/odoo_test_counts.py "$tests_log")
if [ "$odoo_ran" = 0 ]; then
    failed=$((failed + 1)); problems+=("no Odoo module test ran")
fi
passed=$((passed + odoo_ran - odoo_failed))
failed=$((failed + odoo_failed))
log "module tests: $odoo_ran ran, $odoo_failed failed"

# --- top-level tests against a running server -------------------------------------
server_log="$ART/odoo-server.log"
if [ "$MODULES" = "$OUR_MODULES" ]; then
    port=$(free_port)
    longpolling_port=$(free_port)
    [ "$longpolling_port" != "$port" ] || longpolling_port=$(free_port)
    log "starting a prefork server (2 workers) on 127.0.0.1:$port for tests/ ($server_log)"
    # Prefork, as in production: each request may land in another worker process, so the tests prove that
    # nothing relies on one process's memory. Started from a script file: the prefork server starts its
    # long-polling process as `python <argv[0]> gevent ...`, which `python -c` cannot do.
    "$VENV/bin/python" scripts/odoo-bin -c odoo.conf -d "$DB" --db-filter="^$DB\$" \
        --http-port="$port" --longpolling-port="$longpolling_port" --workers=2 --max-cron-threads=0 \
        --logfile="$server_log" >"$ART/odoo-server.out" 2>&1 &  # the long-polling process logs requests there
    server_pid=$!
    # The master loads the registry ("Modules loaded.") before it forks the workers, which inherit it; then
    # /web/login answers once a worker serves. Either wait gives up early if the server died.
    for _ in $(seq 120); do
        grep -q 'odoo.modules.loading: Modules loaded.' "$server_log" 2>/dev/null && break
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 1
    done
    # In front, as nginx in production: /longpolling/ to the long-polling process, the rest to the workers
    # (the web client polls the bus on the page's origin, which a prefork worker refuses).
    proxy_port=$(free_port)
    "$VENV/bin/python" scripts/odoo_proxy.py "$proxy_port" "$port" "$longpolling_port" >"$ART/proxy.log" 2>&1 &
    proxy_pid=$!
    wait_http "http://127.0.0.1:$proxy_port" 60 "$server_pid" \
        || problems+=("the test server did not answer on /web/login")
    ODOO_URL="http://127.0.0.1:$proxy_port" ODOO_DB="$DB" ARTIFACTS="$ART" \
        "$VENV/bin/python" -m pytest -p no:cacheprovider -q tests --junitxml="$ART/pytest.xml" \
        2>&1 | tee "$ART/pytest.out"
    read -r py_passed py_failed < <("$VENV/bin/python" scripts/junit_counts.py "$ART/pytest.xml")
    [ "$((py_passed + py_failed))" -gt 0 ] || problems+=("no top-level test ran")
    passed=$((passed + py_passed))
    failed=$((failed + py_failed))
    kill "$proxy_pid" 2>/dev/null; wait "$proxy_pid" 2>/dev/null; proxy_pid=""
    kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=""
else
    log "MODULES is a subset: skipping the top-level tests/"
fi

# --- the Odoo logs must hold no ERROR or CRITICAL line --------------------------------
logs=("$install_log" "$tests_log" "$server_log")
errors=$(grep -hE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "${logs[@]}" 2>/dev/null \
    | grep -vE ' odoo\.addons\.[a-z_]+\.tests\.[a-z_]+: | odoo\.modules\.module: Module \w+: [0-9]+ failures| At least one test failed')
if [ -n "$errors" ]; then
    failed=$((failed + 1))
    problems+=("ERROR/CRITICAL lines in the Odoo logs:"$'\n'"$(echo "$errors" | head -30)")
else
    passed=$((passed + 1))
fi
warnings=$(grep -hE '^[0-9-]+ [0-9:,]+ [0-9]+ WARNING ' "${logs[@]}" 2>/dev/null | cut -d' ' -f4- \
    | grep -vEf scripts/known_warnings.txt | sort | uniq -c | sort -rn)
if [ -n "$warnings" ]; then
    echo; echo "Unexpected warnings in the Odoo logs (not failing the run):"; echo "$warnings" | head -40
fi
for problem in "${problems[@]}"; do echo; printf '\033[1;31m%s\033[0m\n' "$problem"; done
echo
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "${#problems[@]}" = 0 ]
