#!/usr/bin/env bash
# `make check-modules`: each module alone, with its dependencies only, installs on a
# fresh database (demo data included) and uninstalls again, leaving none of its models.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
. scripts/lib.sh
pg_ensure
ART=".artifacts/check-modules-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$ART"
BASE_DB="check_base_$$"
trap 'dropdb --if-exists "$BASE_DB"; rm -rf ".data/filestore/$BASE_DB"' EXIT
log "creating $BASE_DB with base only"
odoo -c odoo.conf -d "$BASE_DB" -i base --stop-after-init --logfile="$ART/base.log" || die "cannot create $BASE_DB"
ok=0; bad=0
for module in ${MODULES:-$OUR_MODULES}; do
    db="check_${module}_$$"
    createdb -T "$BASE_DB" "$db"
    log "$module: install alone"
    cat > "$ART/$module-uninstall.py" <<PY
module = env['ir.module.module'].search([('name', '=', '$module')])
assert module.state == 'installed', module.state
own_models = env['ir.model'].search([]).filtered(lambda m: m.modules == '$module')
module.button_immediate_uninstall()
env.cr.commit()
env.clear()
assert module.state == 'uninstalled', module.state
assert not own_models.exists(), 'models left after uninstall: %s' % own_models.exists().mapped('model')
# Records of other modules' models may stay when their model refuses to delete them (a validated stock
# inventory is stock history): Odoo keeps them and logs it. Anything else left is a failure.
left = env['ir.model.data'].search([('module', '=', '$module')])
kept = left.filtered(lambda d: d.model in env and env[d.model].browse(d.res_id).exists())
for data in kept:
    print('KEPT %s %s,%s' % (data.name, data.model, data.res_id))
assert not (left - kept), 'records of $module left after uninstall: %s' % (left - kept).mapped('name')
print('UNINSTALL-OK $module')
PY
    if odoo -c odoo.conf -d "$db" -i "$module" --stop-after-init --logfile="$ART/$module.log" \
        && odoo shell -c odoo.conf -d "$db" --logfile="$ART/$module.log" < "$ART/$module-uninstall.py" \
            > "$ART/$module.out" 2>&1 \
        && grep -q "UNINSTALL-OK $module" "$ART/$module.out" \
        && ! grep -qE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$ART/$module.log"; then
        ok=$((ok + 1)); log "$module: installs alone and uninstalls cleanly"
    else
        bad=$((bad + 1)); warn "$module: FAILED (see $ART/$module.log and $ART/$module.out)"
        grep -E ' (ERROR|CRITICAL) ' "$ART/$module.log" | head -5
    fi
    dropdb --if-exists "$db"; rm -rf ".data/filestore/$db"
done
echo "$ok passed, $bad failed"
[ "$bad" = 0 ]
