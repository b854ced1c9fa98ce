# Sourced by ./himatch and ./run-tests. Installs what the project needs on a fresh machine and
# does nothing more when it is already there:
#   1. project-local Node 24 + pnpm (toolchain/, from the npm registry, with the system npm);
#   2. the workspace's packages (pnpm, frozen lockfile);
#   3. Postgres and Redis on localhost — only when they do not answer: Debian packages, started
#      by hand (no systemd here), or one message saying what to run.
# shellcheck shell=bash
set -euo pipefail

HIMATCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export HIMATCH_ROOT
TOOLCHAIN_BIN="$HIMATCH_ROOT/toolchain/node_modules/.bin"
NODE_WANT="24.21.0"

say() { printf '[himatch] %s\n' "$*" >&2; }

ensure_toolchain() {
  if [ -x "$TOOLCHAIN_BIN/node" ] && [ "$("$TOOLCHAIN_BIN/node" --version 2>/dev/null)" = "v$NODE_WANT" ] && [ -x "$TOOLCHAIN_BIN/pnpm" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    say "npm is missing: install Node.js (any version with npm), e.g. 'apt-get install -y nodejs npm', then run this again."
    exit 1
  fi
  say "installing project-local Node $NODE_WANT and pnpm into toolchain/ (system Node untouched)…"
  npm ci --prefix "$HIMATCH_ROOT/toolchain" --no-audit --no-fund --loglevel=error >&2
}

ensure_packages() {
  local stamp="$HIMATCH_ROOT/node_modules/.himatch-lock-stamp"
  local lock_sum
  lock_sum="$(sha256sum "$HIMATCH_ROOT/pnpm-lock.yaml" | cut -c1-16)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ]; then return 0; fi
  say "installing workspace packages (pnpm, frozen lockfile)…"
  (cd "$HIMATCH_ROOT" && pnpm install --frozen-lockfile --reporter=silent >&2)
  echo "$lock_sum" >"$stamp"
}

port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ensure_services() {
  local pg_ok=1 redis_ok=1
  port_answers 5432 || pg_ok=0
  port_answers 6379 || redis_ok=0
  [ "$pg_ok" = 1 ] && [ "$redis_ok" = 1 ] && return 0
  if [ -n "${DATABASE_URL:-}" ] && [ -n "${REDIS_URL:-}" ]; then return 0; fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "Postgres (127.0.0.1:5432) or Redis (127.0.0.1:6379) does not answer. Start them, e.g. as root:"
    say "  apt-get update && apt-get install -y postgresql redis-server && pg_ctlcluster \$(ls /etc/postgresql) main start && redis-server --daemonize yes --bind 127.0.0.1 --port 6379"
    say "or set DATABASE_URL and REDIS_URL to servers you have."
    exit 1
  fi
  if [ "$pg_ok" = 0 ]; then
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
      say "installing PostgreSQL from Debian's packages…"
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
      local hba
      hba="$(ls /etc/postgresql/*/main/pg_hba.conf | head -n1)"
      # Trust loopback connections as the sample setup expects (Debian defaults to scram).
      sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/; s/^(local\s+all\s+postgres\s+)\S+/\1trust/' "$hba"
    fi
    say "starting PostgreSQL…"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start >&2 || true
  fi
  if [ "$redis_ok" = 0 ]; then
    if ! command -v redis-server >/dev/null 2>&1; then
      say "installing Redis from Debian's packages…"
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >&2
    fi
    say "starting Redis…"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --maxmemory-policy noeviction >&2
  fi
  for _ in $(seq 1 30); do
    port_answers 5432 && port_answers 6379 && return 0
    sleep 1
  done
  say "Postgres or Redis still does not answer on 127.0.0.1 after starting them; see their logs under /var/log."
  exit 1
}

ensure_toolchain
export PATH="$TOOLCHAIN_BIN:$PATH"
ensure_packages
ensure_services
