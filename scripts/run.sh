#!/usr/bin/env bash
# `make run`: set up, start PostgreSQL, create the demo database if absent, serve the web client.
#   DB=crm_demo  WORKERS=0 (threaded; e.g. WORKERS=2 for prefork)  PORT=8069
#   UPDATE=1     upgrade our modules in the existing database first (after pulling new code)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/lib.sh
pg_ensure

DB=${DB:-crm_demo}
PORT=${PORT:-8069}
WORKERS=${WORKERS:-0}
mkdir -p .artifacts
if ! db_exists "$DB" || [ "$(psql -d "$DB" -tAc "select count(*) from ir_module_module where name in ('${OUR_MODULES// /\',\'}') and state = 'installed'" 2>/dev/null)" != 7 ]; then
    log "building the demo database $DB (about 5 minutes the first time)"
    create_db "$DB" ".artifacts/$DB-install.log" || {
        grep -E ' (ERROR|CRITICAL) ' ".artifacts/$DB-install.log" | head -20 >&2
        die "building $DB failed; see .artifacts/$DB-install.log"
    }
elif [ -n "${UPDATE:-}" ]; then
    log "upgrading our modules in $DB"
    odoo -c odoo.conf -d "$DB" -u "${OUR_MODULES// /,}" --stop-after-init --logfile=".artifacts/$DB-update.log" \
        || die "upgrading $DB failed; see .artifacts/$DB-update.log"
fi

cat <<EOF

  Web client: http://localhost:$PORT   (database $DB)
  Demo logins (login / password), all in zh_CN:
    admin     / admin      administrator (demo only)
    chenjing  / chenjing   陈静  sales director
    liuyang   / liuyang    刘洋  team lead 华东
    zhangwei  / zhangwei   张伟  salesperson 华东
    lina      / lina       李娜  salesperson 华南
    wangfang  / wangfang   王芳  salesperson 华北
    zhaomin   / zhaomin    赵敏  accountant
    sunhao    / sunhao     孙浩  after-sales agent
    qianjun   / qianjun    钱军  after-sales manager
    wuxia     / wuxia      吴霞  after-sales agent
  Ctrl-C stops the server.

EOF
# a script file, not `python -c`: the prefork server (WORKERS>0) starts its long-polling process from argv[0]
exec "$VENV/bin/python" scripts/odoo-bin -c odoo.conf -d "$DB" --db-filter="^$DB\$" \
    --http-port="$PORT" --workers="$WORKERS"
