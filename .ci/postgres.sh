#!/usr/bin/env bash
# Install (if needed) and start a local PostgreSQL server with a test role and database, then print
# the URL the storage tests use. Idempotent: safe to run again on a machine where it already ran.
set -euo pipefail
if [ ! -d /usr/lib/postgresql ] || ! command -v pg_ctlcluster >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$ver main$"; then
  pg_createcluster "$ver" main >/dev/null
fi
pg_ctlcluster "$ver" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 1
done
psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qAt -c \"$1\""; }
[ "$(psql_admin "select 1 from pg_roles where rolname='claimledger'")" = "1" ] \
  || psql_admin "create role claimledger login password 'claimledger' createdb"
[ "$(psql_admin "select 1 from pg_database where datname='claimledger_test'")" = "1" ] \
  || su postgres -c "createdb -O claimledger claimledger_test"
echo "postgresql+psycopg://claimledger:claimledger@127.0.0.1:5432/claimledger_test"
