#!/usr/bin/env bash
# `make load`: 20 users of mixed roles for 5 minutes against Odoo in prefork mode (bench/load_test.py), on the
# benchmark database. Not part of CI.
#   SCALE=1000000 (default) or SCALE=small     the database's customers (generated if missing)
#   NODES=1      one Odoo with --workers=2, scheduled actions on
#   NODES=2      the deployment rehearsal: two Odoo processes (--workers=2 each) on their own loopback ports,
#                sharing the database and the filestore, behind Debian's nginx (installed if missing);
#                long-polling routed to each node's gevent port, scheduled actions on the first node only
#   DURATION=300 seconds of load; DB= another database
#   LOAD_THINK=3,8  each user's think time between actions, seconds (1,3: a stress run)
#   PROFILE=1    py-spy samples the first node's workers for the whole run: bench/profiles/load-NODES-THINK.svg
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=${NODES:-1}
[ "$NODES" = 1 ] || [ "$NODES" = 2 ] || { echo "NODES is 1 or 2" >&2; exit 2; }
if [ "$NODES" = 2 ]; then APT_EXTRA=nginx bash scripts/setup.sh; else bash scripts/setup.sh; fi
. scripts/lib.sh
bench_env
DURATION=${DURATION:-300}
export LOAD_THINK=${LOAD_THINK:-3,8}
THINK="think ${LOAD_THINK/,/–} s"
ART="$ROOT/.artifacts/load-$NODES"
rm -rf "$ART" && mkdir -p "$ART"
bench_db_ensure "$DB"
log "preparing $DB for the load test (users, customers, contested pool customers, open invoices)"
"$VENV/bin/python" bench/load_prepare.py "$DB" "$SCALE" "$ART/plan.json"

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -f "$ART/nginx.pid" ] && kill "$(cat "$ART/nginx.pid")" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap cleanup EXIT

# start_node N CRON_THREADS: one prefork Odoo; sets HTTP_PORT_N and LP_PORT_N
start_node() {
    local n=$1 crons=$2 http lp
    http=$(free_port); lp=$(free_port)
    eval "HTTP_PORT_$n=$http LP_PORT_$n=$lp"
    "$VENV/bin/python" scripts/odoo-bin -c odoo.conf -d "$DB" --db-filter="^$DB\$" --proxy-mode \
        --http-port="$http" --longpolling-port="$lp" --workers=2 --max-cron-threads="$crons" \
        --logfile="$ART/node$n.log" >"$ART/node$n.out" 2>&1 &
    pids+=($!)
}
wait_ready() { wait_http "$1" 180 || die "no answer from $1; see $ART"; }

start_node 1 1
if [ "$NODES" = 1 ]; then
    URL="http://127.0.0.1:$HTTP_PORT_1"
    wait_ready "$URL"
    LABEL="one node, workers=2, $THINK"
else
    start_node 2 0
    NGINX_PORT=$(free_port)
    # Production's nginx site for several nodes, on loopback (docs: README, "Deployment")
    cat >"$ART/nginx.conf" <<EOF
worker_processes 2;
pid $ART/nginx.pid;
error_log $ART/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log $ART/nginx-access.log;
    client_body_temp_path $ART/nginx-tmp;
    proxy_temp_path $ART/nginx-tmp;
    upstream odoo { server 127.0.0.1:$HTTP_PORT_1; server 127.0.0.1:$HTTP_PORT_2; keepalive 32; }
    upstream odoo_longpolling { server 127.0.0.1:$LP_PORT_1; server 127.0.0.1:$LP_PORT_2; }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        client_max_body_size 64m;
        proxy_read_timeout 720s;
        proxy_set_header Host \$host:\$server_port;
        proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto \$scheme;
        proxy_set_header X-Forwarded-Host \$host:\$server_port;
        location /longpolling { proxy_pass http://odoo_longpolling; }
        location / { proxy_pass http://odoo; proxy_http_version 1.1; proxy_set_header Connection ""; }
    }
}
EOF
    mkdir -p "$ART/nginx-tmp"
    wait_ready "http://127.0.0.1:$HTTP_PORT_1"
    wait_ready "http://127.0.0.1:$HTTP_PORT_2"
    nginx -t -q -c "$ART/nginx.conf" -p "$ART" || die "bad nginx configuration; see $ART/nginx.conf"
    nginx -c "$ART/nginx.conf" -p "$ART"
    URL="http://127.0.0.1:$NGINX_PORT"
    wait_ready "$URL"
    # /longpolling through nginx must reach a gevent process: the poll waits for notifications (cut off at 3 s,
    # curl's exit code 28) where a prefork worker would answer at once with an error.
    poll_exit=0
    curl -sS -o "$ART/longpolling.out" -m 3 -H 'Content-Type: application/json' \
        -d '{"jsonrpc": "2.0", "method": "call", "params": {"channels": [], "last": 0, "options": {}}}' \
        "$URL/longpolling/poll" 2>/dev/null || poll_exit=$?
    LABEL="two nodes behind nginx, $THINK"
    # A scheduled action due every minute during the run, to see it run on the first node only, once a time
    psql -d "$DB" -qc "UPDATE ir_cron SET interval_number = 1, interval_type = 'minutes', nextcall = now() at time zone 'UTC'
                       WHERE id = (SELECT res_id FROM ir_model_data WHERE module = 'sales_team_mgmt'
                                     AND name = 'cron_sales_ranking_snapshot')"
fi

log "load test: $(python3 -c "import json; print(len(json.load(open('$ART/plan.json'))['users']))") users for $DURATION s against $URL ($LABEL)"
profile_pid=""
PROFILE_SVG="bench/profiles/load-$NODES-${LOAD_THINK/,/-}.svg"
if [ -n "${PROFILE:-}" ]; then
    mkdir -p bench/profiles
    "$VENV/bin/py-spy" record --subprocesses --rate 50 --duration "$DURATION" --pid "${pids[0]}" \
        -o "$PROFILE_SVG" >"$ART/py-spy.out" 2>&1 &
    profile_pid=$!
fi
set +e
"$VENV/bin/python" bench/load_test.py "$URL" "$DB" "$ART/plan.json" "$DURATION" "$LABEL" \
    "Odoo --workers=2 per node, PostgreSQL and the users' threads on the same 2 cores; logs in .artifacts/load-$NODES"
status=$?
[ -z "$profile_pid" ] || wait "$profile_pid"
set -e
results_note() { "$VENV/bin/python" bench/load_test.py --note "$LABEL" "$1"; }   # TEXT: into this run's section
[ -z "$profile_pid" ] || results_note "profile of node 1's workers for the whole run (py-spy, CPU): [$PROFILE_SVG](${PROFILE_SVG#bench/})"
if [ "$NODES" = 2 ]; then
    psql -d "$DB" -qc "UPDATE ir_cron SET interval_number = 1, interval_type = 'days'
                       WHERE id = (SELECT res_id FROM ir_model_data WHERE module = 'sales_team_mgmt'
                                     AND name = 'cron_sales_ranking_snapshot')"
    runs_1=$(grep -c 'Starting job `Rankings' "$ART/node1.log" || true)
    runs_2=$(grep -c 'Starting job' "$ART/node2.log" || true)
    requests_1=$(grep -c 'POST /web' "$ART/node1.log" || true)
    requests_2=$(grep -c 'POST /web' "$ART/node2.log" || true)
    line="scheduled actions: the ranking snapshot (due every minute) ran $runs_1 times on node 1, node 2 ran $runs_2 jobs; requests served: node 1 $requests_1, node 2 $requests_2"
    log "$line"
    results_note "$line"
    if [ "$poll_exit" = 28 ]; then
        results_note "long-polling through nginx: /longpolling/poll waits on a node's gevent process (cut off after 3 s)"
    else
        warn "/longpolling/poll through nginx did not wait on a gevent process: $(head -c 300 "$ART/longpolling.out")"
        status=1
    fi
    [ "$runs_2" = 0 ] && [ "$runs_1" -gt 0 ] || { warn "scheduled actions did not run on the first node only"; status=1; }
    [ "$requests_2" -gt 0 ] && [ "$requests_1" -gt 0 ] || { warn "nginx did not spread the requests"; status=1; }
fi
# Odoo numbers journal entries with gapless sequences (SELECT ... FOR UPDATE NOWAIT): two payments posted in the
# same instant on one journal collide, the second transaction is retried by Odoo (up to 5 times) and logs the
# NOWAIT as "bad query". Counted, not an error; any other ERROR line is.
retried=$(grep -hE ' ERROR .*bad query: .*ir_sequence(_date_range)? WHERE id=[0-9]+ FOR UPDATE NOWAIT' "$ART"/node*.log | wc -l)
log "gapless sequence collisions retried by Odoo: $retried"
results_note "journal entries numbered by Odoo's gapless sequences: $retried collisions of two payments posted at the same instant, retried by Odoo (each logged as a NOWAIT \"bad query\"); a payment failing all retries would be an error in the table"
grep -hE ' (ERROR|CRITICAL) ' "$ART"/node*.log | grep -vE 'bad query: .*ir_sequence(_date_range)? WHERE id=[0-9]+ FOR UPDATE NOWAIT' \
    | head -20 | grep . && { warn "errors in the Odoo log"; status=1; }
exit $status
