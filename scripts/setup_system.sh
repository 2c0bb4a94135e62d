#!/usr/bin/env bash
# Installs and starts the system services the test suite needs: PostgreSQL (loopback) and
# Debian's Chromium for browser tests. Idempotent; safe to run on every `make test`.
set -euo pipefail
PKGS=(postgresql chromium fonts-noto-core)
if [ "$(id -u)" != "0" ]; then
  echo "setup_system: not root, skipping apt and PostgreSQL setup" >&2
  exit 0
fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup_system: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# PostgreSQL: start the default cluster and make a test role and database.
ver=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
  pg_createcluster "$ver" main >/dev/null
fi
pg_ctlcluster "$ver" main start 2>/dev/null || true
for i in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 && break
  sleep 1
done
su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='rasd'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE rasd LOGIN SUPERUSER PASSWORD 'rasd'\""
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='rasd_test'\"" | grep -q 1 \
  || su postgres -c "createdb -O rasd rasd_test"
echo "setup_system: PostgreSQL $ver ready on 127.0.0.1:5432; chromium at $(command -v chromium)"
