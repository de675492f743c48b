#!/usr/bin/env bash
# Shared environment setup for scripts/serve.sh and scripts/test.sh.
#
# Source it (". scripts/setup.sh") or run it ("bash scripts/setup.sh").
# It checks/installs, only when something is missing:
#   a) Odoo 18.0 importable by python3 (installs the official nightly tarball
#      when nightly.odoo.com is reachable, otherwise stops with instructions);
#   b) system packages: chromium, wkhtmltopdf, fonts-noto-cjk, poppler-utils;
#   c) the Python requirements of this repository (requirements.txt);
#   d) the PostgreSQL role "odoo";
# and exports:
#   OA_REPO         repository root
#   OA_ADDONS_PATH  Odoo's addons dirs + addons/ (+ tests/ when OA_TEST_MODE=1)
#                   (+ OA_EXTRA_ADDONS, a comma separated list, for debugging)
#   OA_CACHE_DIR    ~/.cache/oa-for-odoo (stamp files, lint tools)
#
# Environment:
#   OA_TEST_MODE=1        put tests/ on the addons path
#   OA_EXTRA_ADDONS=dirs  extra addons directories (comma separated)
#   OA_SKIP_APT=1         never call apt-get (just warn about missing packages)
#   PGHOST, PGPORT        PostgreSQL server (default 127.0.0.1:5432)
#   OA_PG_SUPERUSER       role used to create the "odoo" role (default postgres)
#   PYTHON                python interpreter (default python3)

_oa_setup() {
    local here
    here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
    OA_REPO="$(cd "$here/.." && pwd)"
    OA_CACHE_DIR="${OA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/oa-for-odoo}"
    PYTHON="${PYTHON:-python3}"
    export OA_REPO OA_CACHE_DIR PYTHON
    mkdir -p "$OA_CACHE_DIR"

    local SUDO=""
    if [ "$(id -u)" != "0" ]; then
        SUDO="sudo"
    fi

    # -- a) Odoo 18.0 ---------------------------------------------------------
    if ! "$PYTHON" -c "import odoo.release; assert odoo.release.version_info[0] == 18" \
        >/dev/null 2>&1; then
        local tarball="https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz"
        if command -v curl >/dev/null 2>&1 && curl -sfI --max-time 5 "$tarball" >/dev/null 2>&1; then
            echo "[setup] Odoo 18.0 is not importable by $PYTHON: installing $tarball"
            local constraint="$OA_CACHE_DIR/pip-constraint.txt"
            echo "setuptools<70" >"$constraint"
            PIP_CONSTRAINT="$constraint" "$PYTHON" -m pip install "$tarball" || {
                echo "[setup] ERROR: pip install of Odoo 18.0 failed (see above)." >&2
                return 1
            }
            "$PYTHON" -c "import odoo.release; assert odoo.release.version_info[0] == 18" || return 1
        else
            cat >&2 <<EOF
[setup] ERROR: Odoo 18.0 is not importable by '$PYTHON'.

  These scripts need a python3 where "import odoo" gives Odoo 18.0
  (check: $PYTHON -c "import odoo.release; print(odoo.release.version)").
  nightly.odoo.com is not reachable from this machine, so it cannot be
  installed automatically. Install it, for example:

    echo 'setuptools<70' > /tmp/constraint.txt
    PIP_CONSTRAINT=/tmp/constraint.txt $PYTHON -m pip install \\
        $tarball

  or from a git checkout of odoo 18.0: $PYTHON -m pip install -e /path/to/odoo
  (see README.md, section "Prerequisites"). Set PYTHON=/path/to/python3
  to use another interpreter.
EOF
            return 1
        fi
    fi

    # -- b) system packages -----------------------------------------------------
    local missing=()
    if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
        && ! command -v google-chrome >/dev/null 2>&1 && ! command -v google-chrome-stable >/dev/null 2>&1; then
        missing+=(chromium)
    fi
    command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
    command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
    if command -v dpkg-query >/dev/null 2>&1; then
        dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed" \
            || missing+=(fonts-noto-cjk)
    elif command -v fc-list >/dev/null 2>&1; then
        fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
    fi
    if [ "${#missing[@]}" -gt 0 ]; then
        if [ "${OA_SKIP_APT:-0}" != "1" ] && command -v apt-get >/dev/null 2>&1 \
            && { [ -z "$SUDO" ] || command -v sudo >/dev/null 2>&1; }; then
            echo "[setup] installing system packages: ${missing[*]}"
            $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q \
                && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
                    --no-install-recommends "${missing[@]}" \
                || echo "[setup] WARNING: apt-get install ${missing[*]} failed" >&2
        else
            echo "[setup] WARNING: missing system packages: ${missing[*]}" \
                "(install them; browser tests fail without chromium)" >&2
        fi
    fi

    # -- c) python requirements -------------------------------------------------
    local req="$OA_REPO/requirements.txt"
    if [ -f "$req" ]; then
        local key stamp
        key="$( { cat "$req"; command -v "$PYTHON"; "$PYTHON" -c 'import sys; print(sys.prefix)'; } \
            | sha256sum | cut -c1-16)"
        stamp="$OA_CACHE_DIR/requirements-$key.stamp"
        if [ ! -f "$stamp" ]; then
            echo "[setup] pip install -r requirements.txt"
            if "$PYTHON" -m pip install -q -r "$req"; then
                touch "$stamp"
            else
                echo "[setup] ERROR: pip install -r requirements.txt failed" >&2
                return 1
            fi
        fi
    fi

    # -- d) PostgreSQL role "odoo" ------------------------------------------------
    export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}"
    local pgsu="${OA_PG_SUPERUSER:-postgres}" rc=0
    "$PYTHON" - "$pgsu" <<'EOF' || rc=$?
import sys

import psycopg2

superuser = sys.argv[1]
try:
    psycopg2.connect(dbname="postgres", user="odoo").close()
    sys.exit(0)  # role exists and can log in
except psycopg2.OperationalError as exc:
    first_error = exc
try:
    conn = psycopg2.connect(dbname="postgres", user=superuser)
except psycopg2.OperationalError as exc:
    print(f"connect as odoo: {first_error}\nconnect as {superuser}: {exc}", file=sys.stderr)
    sys.exit(2)
conn.autocommit = True
with conn.cursor() as cr:
    cr.execute("SELECT 1 FROM pg_roles WHERE rolname = 'odoo'")
    if not cr.fetchone():
        print("[setup] creating PostgreSQL role odoo")
        cr.execute("CREATE ROLE odoo LOGIN CREATEDB SUPERUSER")
conn.close()
EOF
    if [ "$rc" != "0" ]; then
        cat >&2 <<EOF
[setup] ERROR: cannot use PostgreSQL on $PGHOST:$PGPORT (see the error above).
  Start PostgreSQL and make sure either the role "odoo" can log in, or the
  superuser "$pgsu" can (it then creates: CREATE ROLE odoo LOGIN CREATEDB
  SUPERUSER). Use PGHOST/PGPORT/PGPASSWORD/OA_PG_SUPERUSER to point elsewhere.
EOF
        return 1
    fi

    # -- e) addons path -------------------------------------------------------------
    local odoo_addons
    odoo_addons="$("$PYTHON" -c '
import os
import odoo
pkg = os.path.abspath(odoo.__path__[0])
dirs = [os.path.join(pkg, "addons"), os.path.join(os.path.dirname(pkg), "addons")]
print(",".join(d for d in dirs if os.path.isdir(d)))
')" || return 1
    # Odoo rejects an addons directory that holds no module: add ours only
    # when they contain at least one __manifest__.py
    OA_ADDONS_PATH="$odoo_addons"
    local d
    for d in addons tests; do
        if [ "$d" = "tests" ] && [ "${OA_TEST_MODE:-0}" != "1" ]; then
            continue
        fi
        if compgen -G "$OA_REPO/$d/*/__manifest__.py" >/dev/null; then
            OA_ADDONS_PATH="$OA_ADDONS_PATH,$OA_REPO/$d"
        fi
    done
    if [ -n "${OA_EXTRA_ADDONS:-}" ]; then
        OA_ADDONS_PATH="$OA_ADDONS_PATH,$OA_EXTRA_ADDONS"
    fi
    export OA_ADDONS_PATH
    echo "[setup] addons path: $OA_ADDONS_PATH"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    # executed
    set -euo pipefail
    _oa_setup
else
    # sourced
    # shellcheck disable=SC2317  # exit is reached when "return" is not allowed
    _oa_setup || { echo "[setup] setup failed" >&2; return 1 2>/dev/null || exit 1; }
fi
