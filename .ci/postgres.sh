#!/bin/sh
# Installs PostgreSQL from Debian packages, starts it on 127.0.0.1:5432 and creates the role
# and database the sync server tests use. Usage (as root):
#     eval "$(.ci/postgres.sh)"
# Progress goes to stderr; stdout is only the `export FACILITATOR_TEST_PG_URL=...` line.
set -eu
{
    if ! command -v pg_lsclusters >/dev/null 2>&1; then
        apt-get -o DPkg::Lock::Timeout=600 update -q
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q postgresql
    fi
    PG_VERSION=$(ls /usr/lib/postgresql | sort -n | tail -1)
    if ! pg_lsclusters -h | grep -q "^$PG_VERSION main"; then
        pg_createcluster "$PG_VERSION" main
    fi
    pg_ctlcluster "$PG_VERSION" main start || true
    i=0
    until su postgres -c "pg_isready -q -h 127.0.0.1 -p 5432"; do
        i=$((i + 1))
        if [ "$i" -gt 30 ]; then echo "PostgreSQL did not start" >&2; exit 1; fi
        sleep 1
    done
    su postgres -c "psql -q -tA -d postgres -c \"SELECT 1 FROM pg_roles WHERE rolname='facilitator'\"" \
        | grep -q 1 \
        || su postgres -c "psql -q -d postgres -c \"CREATE ROLE facilitator LOGIN PASSWORD 'facilitator'\""
    su postgres -c "psql -q -tA -d postgres -c \"SELECT 1 FROM pg_database WHERE datname='facilitator_test'\"" \
        | grep -q 1 \
        || su postgres -c "psql -q -d postgres -c \"CREATE DATABASE facilitator_test OWNER facilitator\""
    echo "PostgreSQL $PG_VERSION ready on 127.0.0.1:5432"
} >&2
echo "export FACILITATOR_TEST_PG_URL=postgresql+psycopg://facilitator:facilitator@127.0.0.1:5432/facilitator_test"
