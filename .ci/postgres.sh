#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server on 127.0.0.1 for the tests of the shared consent ledger.
#
#   eval "$(.ci/postgres.sh start)"   installs Debian's postgresql-15 when missing, starts a server in a new
#                                     temporary folder and prints the exports the tests read:
#                                     OFFICE365_TEST_POSTGRES_URL (a JDBC URL) and OFFICE365_POSTGRES_DIR
#   .ci/postgres.sh stop              stops the server in $OFFICE365_POSTGRES_DIR and removes the folder
#
# The server accepts connections on loopback only (trust authentication), on port 55432 or the next free one.
set -euo pipefail

DATABASE=consent
FIRST_PORT=55432
LAST_PORT=55499

log() { echo "postgres.sh: $*" >&2; }

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
    log "installing postgresql-15 from Debian's packages"
    # the package starts no cluster of its own in a container; this script runs its own server
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >&2 \
      || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >&2; }
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$bin"
}

# runs a PostgreSQL program as the postgres user when this script runs as root (initdb refuses root)
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
  local bin dir port
  bin=$(pg_bin)
  dir=$(mktemp -d -t camel-office365-postgres.XXXXXX)
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$dir"
  fi
  port=$FIRST_PORT
  while ! port_is_free "$port"; do
    port=$((port + 1))
    if [ "$port" -gt "$LAST_PORT" ]; then
      log "no free port between $FIRST_PORT and $LAST_PORT"
      exit 1
    fi
  done

  as_owner "$bin/initdb" -D "$dir/data" --locale=C.UTF-8 --encoding=UTF8 --auth=trust --username=postgres >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" start >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DATABASE"

  log "PostgreSQL is up on 127.0.0.1:$port, database $DATABASE, folder $dir"
  echo "export OFFICE365_POSTGRES_DIR='$dir'"
  echo "export OFFICE365_TEST_POSTGRES_URL='jdbc:postgresql://127.0.0.1:$port/$DATABASE?user=postgres'"
}

stop() {
  local dir=${OFFICE365_POSTGRES_DIR:-}
  if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then
    log "no server to stop (OFFICE365_POSTGRES_DIR is not a server folder)"
    return 0
  fi
  as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  rm -rf "$dir"
  log "stopped and removed $dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
