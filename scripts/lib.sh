# Shared by the project's scripts: paths, logging, PostgreSQL, the Odoo launcher.
# shellcheck shell=bash
ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
VENV="$ROOT/.venv"
LESSC_DIR="$ROOT/.tools/less"
# Odoo compiles LESS with lessc: ours first on PATH (Debian's node-less is broken on Node 20).
export PATH="$LESSC_DIR/node_modules/.bin:$VENV/bin:$PATH"
OUR_MODULES="crm_lifecycle sales_funnel competitor quote_pricing contract_mgmt aftersales_returns sales_team_mgmt"
# Odoo and OCA modules ours stand on, plus the Chinese chart of accounts for the demo company.
BASE_MODULES="crm,contacts,sale_management,sale_crm,sale_margin,sale_stock,purchase,account_invoicing,l10n_cn_small_business,base_tier_validation,report_xlsx,date_range,sale_order_revision"

log()  { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
warn() { printf '\033[1;33mwarning:\033[0m %s\n' "$*" >&2; }
die()  { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# Run Odoo from the wheels (they ship no odoo-bin) with the project's config.
odoo() {
    (cd "$ROOT" && "$VENV/bin/python" -c 'import odoo; odoo.cli.main()' "$@")
}
odoo_server_args() {
    echo "-c $ROOT/odoo.conf"
}

# PostgreSQL: use the server that libpq reaches (PGHOST/PGPORT/PGUSER/PGPASSWORD,
# or the local Unix socket); if none answers and none was configured, start one.
pg_ready() { pg_isready -q -t 3 >/dev/null 2>&1; }
pg_ensure() {
    if pg_ready && psql -d postgres -tAc 'select 1' >/dev/null 2>&1; then pg_no_jit; return 0; fi
    [ -z "${PGHOST:-}" ] || pg_ready || die "PostgreSQL at PGHOST=$PGHOST does not answer"
    if [ "$(id -u)" = 0 ] && command -v pg_ctlcluster >/dev/null; then
        # The Debian cluster; PostgreSQL refuses to run as root, pg_ctlcluster runs it as postgres.
        local version
        version=$(ls /usr/lib/postgresql | sort -n | tail -1)
        pg_lsclusters -h 2>/dev/null | awk '{print $2}' | grep -qx main \
            || pg_createcluster "$version" main >/dev/null
        pg_ready || { log "starting PostgreSQL $version (Debian cluster)"; pg_ctlcluster "$version" main start; }
        for _ in $(seq 30); do pg_ready && break; sleep 1; done
        pg_ready || die "PostgreSQL did not start; see /var/log/postgresql/"
        local me
        me=$(id -un)
        runuser -u postgres -- psql -tAc "select 1 from pg_roles where rolname='$me'" | grep -q 1 \
            || runuser -u postgres -- psql -qc "create role \"$me\" superuser login" >/dev/null
    else
        # Not root: a project-local cluster in .pgdata, socket in .pgdata/run.
        local bindir
        bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
        export PGHOST="$ROOT/.pgdata/run"
        if [ ! -f "$ROOT/.pgdata/PG_VERSION" ]; then
            log "creating a project-local PostgreSQL cluster in .pgdata"
            "$bindir/initdb" -D "$ROOT/.pgdata" -A trust -U "$(id -un)" -E UTF8 >/dev/null
            mkdir -p "$PGHOST"
        fi
        pg_ready || "$bindir/pg_ctl" -D "$ROOT/.pgdata" -l "$ROOT/.pgdata/server.log" -w \
            -o "-k $PGHOST -c listen_addresses=''" start >/dev/null
    fi
    psql -d postgres -tAc 'select 1' >/dev/null || die "cannot connect to PostgreSQL"
    pg_no_jit
}
# Server settings are changed only by a superuser (ALTER SYSTEM), as the local clusters' user is.
pg_is_superuser() {
    [ "$(psql -d postgres -tAc 'select rolsuper from pg_roles where rolname = current_user')" = t ]
}
# JIT compilation off: it pays off for long analytic queries, but compiling the suite's report views (a branch
# per metric and shape) takes seconds, more than running them. Set when we may (superuser), like Odoo hosts do.
pg_no_jit() {
    [ "$(psql -d postgres -tAc 'show jit' 2>/dev/null)" = on ] || return 0
    pg_is_superuser || return 0
    psql -d postgres -qc 'ALTER SYSTEM SET jit = off' -c 'SELECT pg_reload_conf()' >/dev/null
}
# PostgreSQL's memory as the README's deployment section says: shared_buffers a quarter of the RAM,
# effective_cache_size three quarters. The default 128 MB pool holds 3 % of the benchmark database, so every
# lookup would read its pages again after each baseline scan. shared_buffers takes a restart: done once, and
# only on the server pg_ensure manages (the Debian cluster or .pgdata); another server gets a warning.
pg_size_memory() {
    pg_is_superuser || return 0
    local ram_mb buffers_mb current_mb
    ram_mb=$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo)
    buffers_mb=$((ram_mb / 4))
    current_mb=$(psql -d postgres -tAc "select setting::bigint * 8 / 1024 from pg_settings where name = 'shared_buffers'")
    psql -d postgres -qc "ALTER SYSTEM SET effective_cache_size = '$((ram_mb * 3 / 4))MB'" \
        -c 'SELECT pg_reload_conf()' >/dev/null
    [ "$current_mb" -lt $((buffers_mb / 2)) ] || return 0
    if [ -n "${PGHOST:-}" ] && [ "$PGHOST" != "$ROOT/.pgdata/run" ]; then
        warn "PostgreSQL at $PGHOST has shared_buffers=${current_mb}MB; the README's deployment section says ${buffers_mb}MB"
        return 0
    fi
    log "PostgreSQL: shared_buffers ${current_mb}MB -> ${buffers_mb}MB (a quarter of the RAM), restarting it"
    psql -d postgres -qc "ALTER SYSTEM SET shared_buffers = '${buffers_mb}MB'"
    if [ -n "${PGHOST:-}" ]; then
        "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl" -D "$ROOT/.pgdata" -l "$ROOT/.pgdata/server.log" -w restart >/dev/null
    else
        pg_ctlcluster "$(pg_lsclusters -h | awk '$2 == "main" {print $1}')" main restart
    fi
    for _ in $(seq 30); do pg_ready && break; sleep 1; done
    pg_ready || die "PostgreSQL did not restart; see its log"
}
# A free loopback port: Odoo starts its HTTP server even with --stop-after-init when testing.
free_port() { "$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
db_exists() { psql -d postgres -tAc "select 1 from pg_database where datname='$1'" | grep -q 1; }

# Create database $1 with the base modules, zh_CN and then ours; extra args go to the last step.
create_db() {
    local db=$1 logfile=$2; shift 2
    log "creating database $db: Odoo modules and zh_CN ($logfile)"
    odoo -c "$ROOT/odoo.conf" -d "$db" -i "$BASE_MODULES" --load-language=zh_CN \
        --stop-after-init --logfile="$logfile" || return 1
    log "installing our modules into $db"
    odoo -c "$ROOT/odoo.conf" -d "$db" -i "${OUR_MODULES// /,}" \
        --stop-after-init --logfile="$logfile" "$@"
}

# The benchmark database $1 (`make bench`, `make load`): the modules with benchmarks (bench/run.py SUITES) and the
# Chinese chart of accounts (invoices need accounts and journals), no demo data; an existing one gets the missing
# modules and all are upgraded.
BENCH_MODULES=crm_lifecycle,sales_funnel,sales_team_mgmt,l10n_cn_small_business
bench_db_ensure() {
    local db=$1
    mkdir -p "$ROOT/.artifacts"
    if ! db_exists "$db"; then
        log "creating $db (our modules, no demo data)"
        createdb "$db"
        odoo -c "$ROOT/odoo.conf" -d "$db" -i "$BENCH_MODULES" --without-demo=all --stop-after-init \
            --http-port="$(free_port)" --logfile="$ROOT/.artifacts/$db-install.log" \
            || die "cannot create $db; see .artifacts/$db-install.log"
    else
        odoo -c "$ROOT/odoo.conf" -d "$db" -i "$BENCH_MODULES" -u "$BENCH_MODULES" --without-demo=all \
            --stop-after-init --http-port="$(free_port)" --logfile="$ROOT/.artifacts/$db-update.log" \
            || die "cannot upgrade $db; see .artifacts/$db-update.log"
    fi
}
# URL SECONDS [PID]: wait until URL/web/login answers 200; fails after SECONDS or once process PID is gone
wait_http() {
    local _
    for _ in $(seq "$2"); do
        curl -fsS -o /dev/null "$1/web/login" 2>/dev/null && return 0
        [ -z "${3:-}" ] || kill -0 "$3" 2>/dev/null || return 1
        sleep 1
    done
    return 1
}
# make bench / make load: their tools, PostgreSQL, SCALE (small: 1 %, 10,000 customers) and the database DB
bench_env() {
    bench_tools
    pg_ensure
    pg_size_memory
    SCALE=${SCALE:-1000000}
    [ "$SCALE" != small ] || SCALE=10000
    DB=${DB:-crm_bench_$SCALE}
}
# The benchmarks' own tools (bench/requirements.txt: py-spy for the profiles), into the project's virtualenv.
bench_tools() {
    "$VENV/bin/pip" install -q -r "$ROOT/bench/requirements.txt" 2>&1 | grep -v '^WARNING: Location' >&2 || true
}
