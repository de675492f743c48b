#!/usr/bin/env bash
# Run every test of the OA addons on a fresh database.
#
# Installs every addon of addons/ and every test addon of tests/ (directories
# with an installable __manifest__.py) with demo data and zh_CN, runs their
# tests (at_install + post_install, browser tours included), prints the Odoo
# log to the console and to a log file, then prints a summary whose very
# last line is "N passed, N failed". Exits non-zero when a test failed or
# errored, a module did not install, no test ran, or a test was skipped (a
# browser test is skipped when Chromium or websocket-client is missing).
#
# Environment:
#   OA_TEST_DB        database name (default oa_test_<pid>); dropped at the end
#   OA_KEEP_DB=1      keep the database (and its filestore) afterwards
#   OA_TEST_MODULES   comma separated modules to install/test instead of the
#                     ones found in addons/ and tests/ (debugging)
#   OA_EXTRA_ADDONS   extra addons directories (comma separated, debugging)
#   OA_TEST_LOG       log file (default <repo>/test.log)
#   OA_TEST_PORT      HTTP port for the test server (default: a free port)
#   OA_TEST_TIMEOUT   seconds before the Odoo run is stopped (default 1500)
#   OA_ALLOW_SKIP     regex of test descriptions allowed to be skipped
#   PGHOST, PGPORT    PostgreSQL server (default 127.0.0.1:5432)
set -euo pipefail

OA_TEST_MODE=1
export OA_TEST_MODE
# shellcheck source=scripts/setup.sh
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh" || {
    echo "0 passed, 1 failed"
    exit 1
}
cd "$OA_REPO"

# -- modules ----------------------------------------------------------------------
if [ -n "${OA_TEST_MODULES:-}" ]; then
    modules="$OA_TEST_MODULES"
else
    modules="$("$PYTHON" - "$OA_REPO/addons" "$OA_REPO/tests" <<'EOF'
import ast
import os
import sys

names = []
for root in sys.argv[1:]:
    if not os.path.isdir(root):
        continue
    for name in sorted(os.listdir(root)):
        manifest = os.path.join(root, name, "__manifest__.py")
        if not os.path.isfile(manifest):
            continue
        with open(manifest, encoding="utf-8") as fh:
            data = ast.literal_eval(fh.read())
        if data.get("installable", True):
            names.append(name)
print(",".join(names))
EOF
)"
fi
if [ -z "$modules" ]; then
    echo "no module to test (nothing in addons/ or tests/)" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
test_tags="$(echo "$modules" | sed -e 's/^/\//' -e 's/,/,\//g')"

db="${OA_TEST_DB:-oa_test_$$}"
log="${OA_TEST_LOG:-$OA_REPO/test.log}"
port="${OA_TEST_PORT:-$("$PYTHON" -c '
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
')}"
timeout_s="${OA_TEST_TIMEOUT:-1500}"
data_dir="$(mktemp -d "${TMPDIR:-/tmp}/oa-test-data.XXXXXX")"

drop_db() {
    "$PYTHON" - "$db" <<'EOF'
import sys

import psycopg2

conn = psycopg2.connect(dbname="postgres", user="odoo")
conn.autocommit = True
with conn.cursor() as cr:
    cr.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
        (sys.argv[1],),
    )
    cr.execute('DROP DATABASE IF EXISTS "%s"' % sys.argv[1].replace('"', ""))
conn.close()
EOF
}

cleanup() {
    if [ "${OA_KEEP_DB:-0}" = "1" ]; then
        echo "keeping database $db (filestore in $data_dir)"
    else
        drop_db || echo "could not drop database $db" >&2
        rm -rf "$data_dir"
    fi
}
trap 'cleanup; exit 130' INT TERM

# a fresh database: drop a leftover of the same name first
drop_db

echo "== OA tests: database $db, modules $modules, port $port, log $log"
start=$(date +%s)
set +e
timeout --signal=TERM --kill-after=60 "$timeout_s" \
    "$PYTHON" -m odoo -c "$OA_REPO/odoo.conf" \
    --addons-path="$OA_ADDONS_PATH" \
    --data-dir="$data_dir" \
    --db_host="$PGHOST" --db_port="$PGPORT" \
    -d "$db" --db-filter="^$db\$" \
    -i "$modules" \
    --test-enable --test-tags="$test_tags" \
    --stop-after-init \
    --load-language=zh_CN \
    --workers=0 --max-cron-threads=0 \
    --http-port="$port" \
    --log-level=info \
    2>&1 | tee "$log"
odoo_rc=${PIPESTATUS[0]}
set -e
echo "== Odoo exited with status $odoo_rc after $(($(date +%s) - start))s"
if [ "$odoo_rc" = "124" ]; then
    echo "== Odoo was stopped after OA_TEST_TIMEOUT=${timeout_s}s" | tee -a "$log"
fi

# modules that should be installed but are not
not_installed="$("$PYTHON" - "$db" "$modules" <<'EOF' || true
import sys

import psycopg2

db, modules = sys.argv[1], sys.argv[2].split(",")
try:
    conn = psycopg2.connect(dbname=db, user="odoo")
    with conn.cursor() as cr:
        cr.execute(
            "SELECT name FROM ir_module_module WHERE state = 'installed' AND name IN %s",
            (tuple(modules),),
        )
        installed = {row[0] for row in cr.fetchall()}
    conn.close()
except psycopg2.Error:
    installed = set()
print(",".join(m for m in modules if m not in installed))
EOF
)"

trap - INT TERM
cleanup

set +e
"$PYTHON" "$OA_REPO/scripts/test_summary.py" "$log" \
    --odoo-rc="$odoo_rc" \
    --not-installed="$not_installed" \
    --allow-skip="${OA_ALLOW_SKIP:-}"
exit $?
