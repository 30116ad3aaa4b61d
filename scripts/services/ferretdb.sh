#!/usr/bin/env bash
# Run FerretDB v1 (a MongoDB wire-protocol server) with its SQLite backend on
# 127.0.0.1 for tests. The binary is built from the module source that the Go module
# proxy serves.
#
# Usage: scripts/services/ferretdb.sh start|stop|status|reset
# Environment and defaults are listed in scripts/services/README.md.
set -euo pipefail

SVC_NAME=ferretdb
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FERRETDB_VERSION="${FERRETDB_VERSION:-v1.24.2}"
FERRETDB_PORT="${FERRETDB_PORT:-27017}"
FERRETDB_START_TIMEOUT="${FERRETDB_START_TIMEOUT:-60}"
FERRETDB_DIR="${FERRETDB_DIR:-$SERVICES_DIR/ferretdb}"
GO="${GO:-go}"

FERRETDB_MODULE=github.com/FerretDB/FerretDB
BIN="$FERRETDB_DIR/bin/ferretdb"
SOURCE_DIR="$FERRETDB_DIR/src/FerretDB@$FERRETDB_VERSION"
SQLITE_DIR="$FERRETDB_DIR/data/sqlite"
STATE_DIR="$FERRETDB_DIR/data/state"
PID_FILE="$FERRETDB_DIR/ferretdb.pid"
LOG_FILE="$FERRETDB_DIR/ferretdb.log"
PROCESS_MARKER="--state-dir=$STATE_DIR"

usage() {
  echo "usage: $0 start|stop|status|reset" >&2
  exit 2
}

# Print the module proxies of `go env GOPROXY` without "direct" and "off", so that
# the build only talks to a module proxy and never clones from a VCS host.
module_proxies() {
  "$GO" env GOPROXY | sed 's/[,|]/\n/g' | grep -v -x -e direct -e off -e '' | paste -sd, -
}

# Print the version that the built binary reports, or nothing if it cannot run.
installed_version() {
  [[ -x $BIN ]] || return 1
  "$BIN" --version 2>/dev/null | awk '$1 == "version:" { print $2 }'
}

# Run go with the module and build caches under FERRETDB_DIR and only the module
# proxies of the caller's GOPROXY.
# -modcacherw leaves the module cache deletable with a plain rm -rf. -buildvcs=false
# keeps go build from stamping the commit of a repository that contains FERRETDB_DIR.
# GOWORK=off ignores any go.work file above FERRETDB_DIR.
run_go() {
  GOMODCACHE="$FERRETDB_DIR/go/mod" \
    GOCACHE="$FERRETDB_DIR/go/cache" \
    GOPATH="$FERRETDB_DIR/go" \
    GOFLAGS="-modcacherw -buildvcs=false" \
    GOPROXY="$GO_PROXIES" \
    GOTOOLCHAIN=local \
    GOWORK=off \
    "$GO" "$@"
}

# Build the ferretdb binary into FERRETDB_DIR/bin, unless that binary already reports
# FERRETDB_VERSION. FerretDB v1 embeds its version from build/version/version.txt and
# panics at startup without it. The published module lacks that generated file, so
# `go install module@version` cannot be used. Instead go build runs in a writable copy
# of the module source (SOURCE_DIR) after version.txt has been written there.
install_ferretdb() {
  if [[ "$(installed_version || true)" == "$FERRETDB_VERSION" ]]; then
    return 0
  fi
  [[ $FERRETDB_VERSION == v* ]] || svc_die "invalid FERRETDB_VERSION '$FERRETDB_VERSION': expected a module version such as v1.24.2"
  command -v "$GO" >/dev/null || svc_die "go not found (set GO); it builds FerretDB"
  GO_PROXIES="$(module_proxies)" || true
  [[ -n $GO_PROXIES ]] || svc_die "GOPROXY ('$("$GO" env GOPROXY)') names no module proxy; set GOPROXY"
  local build_log="$FERRETDB_DIR/build.log"
  local started=$SECONDS
  svc_log "building FerretDB $FERRETDB_VERSION from the module source" \
    "(about 90 s on 2 cores with empty Go caches), output in $build_log"
  mkdir -p "$FERRETDB_DIR/bin"
  : >"$build_log"

  local download_json module_dir
  # Run in FERRETDB_DIR, because the caller's directory may belong to another Go module.
  if ! download_json="$(cd "$FERRETDB_DIR" && run_go mod download -json "$FERRETDB_MODULE@$FERRETDB_VERSION" 2>>"$build_log")"; then
    printf '%s\n' "$download_json" >>"$build_log"
    fail_build "downloading $FERRETDB_MODULE@$FERRETDB_VERSION failed" "$build_log"
  fi
  printf '%s\n' "$download_json" >>"$build_log"
  module_dir="$(printf '%s\n' "$download_json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
  [[ -d $module_dir ]] || fail_build "go mod download printed no source directory" "$build_log"

  # Files in the module cache are read-only and must stay unchanged, so the build
  # runs in a writable copy.
  rm -rf "$SOURCE_DIR"
  mkdir -p "$(dirname "$SOURCE_DIR")"
  cp -R "$module_dir" "$SOURCE_DIR"
  chmod -R u+w "$SOURCE_DIR"
  printf '%s\n' "$FERRETDB_VERSION" >"$SOURCE_DIR/build/version/version.txt"

  # Build next to BIN and rename, so that a failed build never leaves a partial binary.
  if ! (cd "$SOURCE_DIR" && run_go build -o "$BIN.new" ./cmd/ferretdb) >>"$build_log" 2>&1; then
    rm -f "$BIN.new"
    fail_build "go build of FerretDB $FERRETDB_VERSION failed" "$build_log"
  fi
  mv -f "$BIN.new" "$BIN"

  # Fail early, with the reason, when the new binary cannot run or reports another version.
  local reported
  reported="$(installed_version || true)"
  if [[ $reported != "$FERRETDB_VERSION" ]]; then
    { "$BIN" --version 2>&1 || true; } | head -n 5 | sed 's/^/    /' >&2
    svc_die "the new binary $BIN reports version '$reported' instead of $FERRETDB_VERSION," \
      "build output in $build_log"
  fi
  svc_log "built $BIN in $(svc_elapsed "$started")"
}

fail_build() {
  local reason=$1 build_log=$2
  tail -n 20 "$build_log" | sed 's/^/    /' >&2
  svc_die "$reason, full output in $build_log"
}

# Send the command {ping: 1, $db: "admin"} as an OP_MSG and check that the reply
# contains ok: 1.0.
ferretdb_is_ready() {
  local reply
  # shellcheck disable=SC2016 # the inner script expands its own arguments
  reply="$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    # Header: messageLength 51, requestID 1, responseTo 0, opCode 2013 (OP_MSG).
    # Body: flagBits 0, section kind 0, then the 30-byte BSON document.
    printf "\x33\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\xdd\x07\x00\x00" >&3
    printf "\x00\x00\x00\x00\x00" >&3
    printf "\x1e\x00\x00\x00\x10ping\x00\x01\x00\x00\x00\x02\$db\x00\x06\x00\x00\x00admin\x00\x00" >&3
    # The first four bytes of the reply are its length (little-endian, included).
    read -r -a size_bytes < <(head -c 4 <&3 | od -An -v -tu1)
    ((${#size_bytes[@]} == 4)) || exit 1
    size=$((size_bytes[0] + 256 * size_bytes[1] + 65536 * size_bytes[2]))
    head -c $((size - 4)) <&3 | od -An -v -tx1 | tr -s " \n" "  "
  ' "$SVC_HOST" "$FERRETDB_PORT" 2>/dev/null)" || return 1
  # The BSON element ok: 1.0 is type 0x01, "ok\0", then 1.0 as a little-endian double.
  [[ $reply == *"01 6f 6b 00 00 00 00 00 00 00 f0 3f"* ]]
}

start() {
  svc_lock "$FERRETDB_DIR/start.lock"
  if svc_running_pid "$PID_FILE" "$PROCESS_MARKER" >/dev/null; then
    svc_wait_ready "$PID_FILE" "$PROCESS_MARKER" "$LOG_FILE" "$FERRETDB_PORT" "$FERRETDB_START_TIMEOUT" ferretdb_is_ready
    svc_log "already running on $SVC_HOST:$FERRETDB_PORT"
    return 0
  fi
  local started=$SECONDS
  svc_require_free_ports "$FERRETDB_PORT"
  install_ferretdb
  mkdir -p "$SQLITE_DIR" "$STATE_DIR"
  # Telemetry is on by default and reports to an outside host: always disable it.
  svc_spawn "$PID_FILE" "$LOG_FILE" "$BIN" \
    --handler=sqlite \
    --sqlite-url="file:$SQLITE_DIR/" \
    --listen-addr="$SVC_HOST:$FERRETDB_PORT" \
    --state-dir="$STATE_DIR" \
    --debug-addr=- \
    --telemetry=disable
  svc_wait_ready "$PID_FILE" "$PROCESS_MARKER" "$LOG_FILE" "$FERRETDB_PORT" "$FERRETDB_START_TIMEOUT" ferretdb_is_ready
  svc_log "FerretDB $FERRETDB_VERSION ready on $SVC_HOST:$FERRETDB_PORT in $(svc_elapsed "$started"), log $LOG_FILE"
}

stop() {
  svc_stop_pid "$PID_FILE" "$PROCESS_MARKER" 20
  svc_log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    svc_status "$PID_FILE" "$PROCESS_MARKER" "$LOG_FILE" "$SVC_HOST:$FERRETDB_PORT" ferretdb_is_ready
    ;;
  reset)
    stop
    rm -rf "$FERRETDB_DIR/data" "$LOG_FILE"
    svc_log "deleted the databases and the log (the binary, source copy and Go caches in $FERRETDB_DIR are kept)"
    ;;
  *) usage ;;
esac
