#!/usr/bin/env bash
# The benchmark in one command: builds in release mode, generates a
# million-member association on SQLite and on PostgreSQL, serves it, measures
# every page and the write path against a bare axum server with wrk, and
# prints the table it also writes to bench/results/. Arguments go to
# `cercle-bench run` (see `--help`), such as `--people 100000 --seconds 5`.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/cercle-target}"
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v wrk >/dev/null; then
  echo "== installing Debian's wrk"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && [ -d /etc/postgresql ]; then
  echo "== starting the local PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
fi

echo "== building cercle and cercle-bench in release mode"
cargo build --release --locked -p cercle -p cercle-bench
"$CARGO_TARGET_DIR/release/cercle-bench" run --cercle "$CARGO_TARGET_DIR/release/cercle" "$@"
