#!/usr/bin/env bash
# Idempotent setup, run by `make run` and `make test`: Debian packages, a
# Python 3.7 virtualenv with the pinned requirements and the OCA addons, and a
# project-local lessc. A second run with nothing to do takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. scripts/lib.sh

# --- Debian packages -------------------------------------------------------
# APT_EXTRA: more packages for one command (nginx for `make load NODES=2`)
APT_PACKAGES="postgresql libldap2-dev libsasl2-dev wkhtmltopdf fonts-noto-cjk poppler-utils chromium chromium-driver ${APT_EXTRA:-}"
missing=""
for pkg in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        die "missing Debian packages:$missing. Install them: sudo apt-get install$missing"
    fi
    log "installing Debian packages:$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
# Debian's node-less is broken with Node 20; it must not shadow ours.
if dpkg-query -W -f='${Status}' node-less 2>/dev/null | grep -q "ok installed"; then
    warn "Debian's node-less is installed; the project's lessc in $LESSC_DIR comes first on PATH"
fi

# --- Python 3.7 ------------------------------------------------------------
find_python37() {
    local candidates=()
    [ -n "${PYTHON37:-}" ] && candidates+=("$PYTHON37")
    if command -v pyenv >/dev/null 2>&1; then
        for p in "$(pyenv root)"/versions/3.7*/bin/python3.7; do candidates+=("$p"); done
    fi
    for p in "$HOME"/.pyenv/versions/3.7*/bin/python3.7 /usr/local/bin/python3.7 /usr/bin/python3.7 python3.7; do
        candidates+=("$p")
    done
    for p in "${candidates[@]}"; do
        if "$p" -c 'import sys; assert sys.version_info[:2] == (3, 7)' >/dev/null 2>&1; then
            echo "$p"; return 0
        fi
    done
    return 1
}

# pip warns about every configured find-links folder that does not exist: keep its output readable.
pip_install() {
    local status=0
    "$VENV/bin/pip" install -q --disable-pip-version-check "$@" > "$VENV/pip.log" 2>&1 || status=$?
    grep -v 'is ignored: it is neither a file nor a directory' "$VENV/pip.log" >&2 || true
    return "$status"
}

req_stamp=$(cat requirements.txt requirements-oca.txt | sha1sum | cut -c1-40)
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/.requirements-stamp" 2>/dev/null)" != "$req_stamp" ]; then
    PY37=$(find_python37) || die "Odoo 11 needs Python 3.7 and none was found. Install it (e.g. 'pyenv install 3.7.16', or Debian/deadsnakes 'python3.7 python3.7-venv python3.7-dev') or set PYTHON37=/path/to/python3.7"
    if [ ! -x "$VENV/bin/python" ]; then
        log "creating $VENV with $PY37"
        "$PY37" -m venv "$VENV"
    fi
    log "installing Python requirements into $VENV"
    pip_install 'pip<24' 'setuptools<68' wheel
    pip_install -r requirements.txt
    pip_install --no-deps -r requirements-oca.txt
    echo "$req_stamp" > "$VENV/.requirements-stamp"
fi

# --- lessc (Odoo 11 compiles its LESS assets with it) -----------------------
if [ ! -x "$LESSC_DIR/node_modules/.bin/lessc" ]; then
    command -v npm >/dev/null || die "npm is missing: install Node.js and npm (Debian: apt-get install nodejs npm)"
    log "installing lessc into $LESSC_DIR"
    mkdir -p "$LESSC_DIR"
    npm install --silent --no-audit --no-fund --prefix "$LESSC_DIR" less@3.0.4 less-plugin-clean-css@1.5.1 >/dev/null
fi

log "setup complete"
