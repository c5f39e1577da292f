#!/usr/bin/env bash
# Install (when missing) and start what the tests need, then run the given command with
# CLAIMLEDGER_TEST_PG set: Debian's chromium for the browser tests (driven by Playwright with
# executablePath) and a local PostgreSQL server for the storage tests. Used by `make test`, so a
# fresh clone passes its tests with that one command; .ci/run goes through it too.
set -euo pipefail
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
missing=""
command -v chromium >/dev/null || missing="$missing chromium"
if [ ! -d /usr/lib/postgresql ] || ! command -v pg_ctlcluster >/dev/null; then missing="$missing postgresql"; fi
if [ -n "$missing" ]; then
  echo "installing Debian packages:$missing" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
CLAIMLEDGER_TEST_PG="$(as_root bash .ci/postgres.sh | tail -n 1)"
export CLAIMLEDGER_TEST_PG
exec "$@"
