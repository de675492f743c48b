#!/usr/bin/env bash
# Create (or update) the local demo database with every OA addon, demo data
# and Simplified Chinese, then serve it on http://localhost:8069.
#
# Environment:
#   OA_DB            database name (default oa_demo)
#   OA_HTTP_PORT     HTTP port (default 8069)
#   OA_MODULES       comma separated modules (default: every addon in addons/)
#   OA_EXTRA_ADDONS  extra addons directories (comma separated)
#   OA_NO_SERVE=1    only create/update the database, do not serve
#   PGHOST, PGPORT   PostgreSQL server (default 127.0.0.1:5432)
set -euo pipefail

# shellcheck source=scripts/setup.sh
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$OA_REPO"

db="${OA_DB:-oa_demo}"
port="${OA_HTTP_PORT:-8069}"
if [ -n "${OA_MODULES:-}" ]; then
    modules="$OA_MODULES"
else
    modules="$("$PYTHON" - "$OA_REPO/addons" <<'EOF'
import ast
import os
import sys

root = sys.argv[1]
names = []
for name in sorted(os.listdir(root)) if os.path.isdir(root) else []:
    manifest = os.path.join(root, name, "__manifest__.py")
    if os.path.isfile(manifest):
        with open(manifest, encoding="utf-8") as fh:
            if ast.literal_eval(fh.read()).get("installable", True):
                names.append(name)
print(",".join(names))
EOF
)"
fi
if [ -z "$modules" ]; then
    echo "no OA addon found in $OA_REPO/addons" >&2
    exit 1
fi

odoo_args=(
    -c "$OA_REPO/odoo.conf"
    --addons-path="$OA_ADDONS_PATH"
    --db_host="$PGHOST" --db_port="$PGPORT"
    -d "$db" --db-filter="^$db\$"
)

exists="$("$PYTHON" - "$db" <<'EOF'
import sys

import psycopg2

conn = psycopg2.connect(dbname="postgres", user="odoo")
with conn.cursor() as cr:
    cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (sys.argv[1],))
    print("1" if cr.fetchone() else "0")
conn.close()
EOF
)"

if [ "$exists" = "1" ]; then
    echo "== updating database $db: $modules"
    "$PYTHON" -m odoo "${odoo_args[@]}" -u "$modules" \
        --load-language=zh_CN --stop-after-init --http-port="$port"
else
    echo "== creating database $db with demo data and zh_CN: $modules"
    "$PYTHON" -m odoo "${odoo_args[@]}" -i "$modules" \
        --load-language=zh_CN --stop-after-init --http-port="$port"
    # first install only: internal users speak Chinese and live in China
    "$PYTHON" -m odoo shell "${odoo_args[@]}" --no-http --log-level=warn <<'EOF'
users = env["res.users"].with_context(active_test=False).search([("share", "=", False)])
users.write({"lang": "zh_CN"})
users.filtered(lambda u: not u.tz).write({"tz": "Asia/Shanghai"})
env.cr.commit()
EOF
fi

logins="$OA_REPO/addons/oa_base/demo/LOGINS.md"
echo
echo "=================================================================="
echo " OA for Odoo: http://localhost:$port  (database $db)"
echo "=================================================================="
if [ -f "$logins" ]; then
    cat "$logins"
else
    echo " admin / admin"
fi
echo "=================================================================="
echo

if [ "${OA_NO_SERVE:-0}" = "1" ]; then
    exit 0
fi
exec "$PYTHON" -m odoo "${odoo_args[@]}" --http-port="$port"
