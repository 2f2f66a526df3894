#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL (Debian's package): initdb into a temporary
# directory, pg_ctl on a free loopback port, as a non-root user; stopped and removed on exit,
# failure included. The command gets its URL in BZCONSENT_TEST_POSTGRES.
#
#   server/with-postgres.sh cargo test -p bzconsent-log
#
# PG_BIN overrides /usr/lib/postgresql/15/bin. As root the server runs as the system user
# `bzconsent-pg` (created here if missing): PostgreSQL refuses to run as root.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PG_BIN/pg_ctl" ]; then
  echo "with-postgres.sh: $PG_BIN/pg_ctl not found (apt-get install postgresql)" >&2
  exit 1
fi

as_pg=()
if [ "$(id -u)" = 0 ]; then
  id -u bzconsent-pg >/dev/null 2>&1 ||
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin bzconsent-pg
  as_pg=(runuser -u bzconsent-pg --)
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/bzconsent-pg.XXXXXX")
chmod 755 "$dir"
[ ${#as_pg[@]} = 0 ] || chown bzconsent-pg "$dir"

stop() {
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

# A free loopback port: the kernel picks one for a socket that is closed at once.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"${as_pg[@]}" "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start >/dev/null ||
  { cat "$dir/server.log" >&2; exit 1; }

export BZCONSENT_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres"
echo "with-postgres.sh: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
"$@"
