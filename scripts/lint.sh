#!/usr/bin/env bash
# Lint the repository with the OCA pre-commit set, offline.
#
# Installs (once, cached under ~/.cache/oa-for-odoo):
#   - requirements-dev.txt (pre-commit, ruff, pylint-odoo, ...) into a venv;
#   - prettier + @prettier/plugin-xml with npm;
# then runs the hooks of .pre-commit-config.yaml on every tracked or
# untracked (not ignored) file.
#
# Usage: bash scripts/lint.sh [--fix] [--ci]
#   --fix  first apply the automatic fixes (ruff --fix, ruff format, prettier)
#   --ci   (default when CI=true) run every hook but only fail on the gating
#          ones: ruff, ruff-format, prettier and pylint mandatory checks;
#          the other hooks are reported only.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${OA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/oa-for-odoo}"
PYTHON="${PYTHON:-python3}"
PRETTIER_VERSION="3.3.3"
PRETTIER_XML_VERSION="3.4.1"
GATING_HOOKS="ruff ruff-format prettier pylint_odoo"

fix=0
ci=0
[ "${CI:-}" = "true" ] && ci=1
for arg in "$@"; do
    case "$arg" in
        --fix) fix=1 ;;
        --ci) ci=1 ;;
        -h | --help)
            sed -n '2,15p' "$0"
            exit 0
            ;;
        *)
            echo "unknown argument: $arg" >&2
            exit 2
            ;;
    esac
done
mkdir -p "$CACHE"

apt_install() {
    # install Debian packages when apt-get is available (root or sudo)
    local sudo=""
    [ "$(id -u)" = "0" ] || sudo="sudo"
    command -v apt-get >/dev/null 2>&1 || return 1
    echo "[lint] apt-get install $*"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q \
        && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

# -- python tools -------------------------------------------------------------
venv="$CACHE/lint-venv"
key="$( { cat "$REPO/requirements-dev.txt"; "$PYTHON" -c 'import sys; print(sys.version)'; } \
    | sha256sum | cut -c1-16)"
if [ ! -f "$venv/.stamp-$key" ]; then
    echo "[lint] installing lint tools (requirements-dev.txt) into $venv"
    rm -rf "$venv"
    if ! "$PYTHON" -m venv "$venv"; then
        rm -rf "$venv"
        apt_install python3-venv && "$PYTHON" -m venv "$venv"
    fi
    "$venv/bin/python" -m pip install -q --disable-pip-version-check \
        -r "$REPO/requirements-dev.txt"
    touch "$venv/.stamp-$key"
fi

# -- node tools ---------------------------------------------------------------
node_dir="$CACHE/node"
node_key="prettier-$PRETTIER_VERSION-xml-$PRETTIER_XML_VERSION"
if [ ! -f "$node_dir/.stamp-$node_key" ]; then
    if ! command -v npm >/dev/null 2>&1 && ! apt_install npm; then
        echo "[lint] ERROR: npm is required to install prettier (apt-get install npm)" >&2
        exit 1
    fi
    echo "[lint] installing prettier@$PRETTIER_VERSION @prettier/plugin-xml@$PRETTIER_XML_VERSION"
    mkdir -p "$node_dir"
    npm install --prefix "$node_dir" --no-audit --no-fund --loglevel=error \
        "prettier@$PRETTIER_VERSION" "@prettier/plugin-xml@$PRETTIER_XML_VERSION"
    touch "$node_dir/.stamp-$node_key"
fi

export PATH="$venv/bin:$node_dir/node_modules/.bin:$PATH"
export NODE_PATH="$node_dir/node_modules${NODE_PATH:+:$NODE_PATH}"
cd "$REPO"

# every tracked or untracked-but-not-ignored file that exists
mapfile -t files < <(git ls-files -co --exclude-standard | while IFS= read -r f; do
    [ -f "$f" ] && printf '%s\n' "$f"
done)

if [ "$fix" = "1" ]; then
    echo "[lint] applying automatic fixes"
    mapfile -t py < <(printf '%s\n' "${files[@]}" | grep -E '^(addons|tests|scripts)/.*\.py$' || true)
    mapfile -t px < <(printf '%s\n' "${files[@]}" \
        | grep -E '^(addons|tests)/.*\.(css|js|scss|xml)$' \
        | grep -Ev '/static/(src/)?lib/|/static/description/index\.html$' || true)
    if [ "${#py[@]}" -gt 0 ]; then
        ruff check --fix --force-exclude "${py[@]}" || true
        ruff format --force-exclude "${py[@]}"
    fi
    if [ "${#px[@]}" -gt 0 ]; then
        prettier --write --log-level=warn "${px[@]}"
    fi
fi

export PRE_COMMIT_COLOR="${PRE_COMMIT_COLOR:-auto}"
if [ "$ci" != "1" ]; then
    exec pre-commit run --show-diff-on-failure --files "${files[@]}"
fi

# CI: report every hook, fail only on the gating ones
echo "[lint] informative hooks (reported, not gating)"
SKIP="${GATING_HOOKS// /,}" pre-commit run --files "${files[@]}" \
    || echo "[lint] some informative hooks reported problems (not gating)"
rc=0
failed=()
for hook in $GATING_HOOKS; do
    if ! pre-commit run "$hook" --files "${files[@]}"; then
        rc=1
        failed+=("$hook")
    fi
done
if [ "$rc" != "0" ]; then
    echo "[lint] FAILED: ${failed[*]}"
else
    echo "[lint] OK (gating hooks: $GATING_HOOKS)"
fi
exit "$rc"
