#!/usr/bin/env bash
# Run a single-node Apache Kafka broker (KRaft, broker and controller in one JVM) on
# 127.0.0.1 for tests, from the kafka_2.13 artifact on Maven Central.
#
# Usage: scripts/services/kafka.sh start|stop|status|reset
# Environment and defaults are listed in scripts/services/README.md.
set -euo pipefail

SVC_NAME=kafka
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
LOG4J_VERSION="${LOG4J_VERSION:-2.26.1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-120}"
KAFKA_DIR="${KAFKA_DIR:-$SERVICES_DIR/kafka}"
JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
MVN="${MVN:-mvn}"

KAFKA_SOURCE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/kafka" && pwd)"
LIB_DIR="$KAFKA_DIR/lib/kafka-$KAFKA_VERSION"
DATA_DIR="$KAFKA_DIR/data"
CONFIG_DIR="$KAFKA_DIR/config"
PID_FILE="$KAFKA_DIR/kafka.pid"
LOG_FILE="$KAFKA_DIR/kafka.log"
# The broker's command line contains its own server.properties path: a pid whose
# command line lacks it is not this broker.
PROCESS_MARKER="$CONFIG_DIR/server.properties"

usage() {
  echo "usage: $0 start|stop|status|reset" >&2
  exit 2
}

require_java() {
  command -v "$JAVA" >/dev/null || svc_die "java not found (set JAVA or JAVA_HOME); Kafka 4.x needs Java 17 or newer"
  local version major
  version="$("$JAVA" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)"
  major="${version%%.*}"
  if [[ ! $major =~ ^[0-9]+$ ]] || ((major < 17)); then
    svc_die "$JAVA is Java '$version', but the Kafka $KAFKA_VERSION broker needs Java 17 or newer"
  fi
}

# Copy kafka_2.13 and its runtime dependencies into LIB_DIR with Maven, once per set
# of versions and pom.xml content. A later start finds the stamp and runs no Maven.
fetch_jars() {
  local stamp
  stamp="$(printf '%s\n' "$KAFKA_VERSION" "$LOG4J_VERSION" | cat - "$KAFKA_SOURCE_DIR/pom.xml" | sha256sum | cut -d' ' -f1)"
  if [[ -f $LIB_DIR/.complete && "$(<"$LIB_DIR/.complete")" == "$stamp" ]]; then
    return 0
  fi
  command -v "$MVN" >/dev/null || svc_die "mvn not found (set MVN); it downloads the Kafka jars"
  svc_log "downloading Kafka $KAFKA_VERSION jars with Maven into $LIB_DIR"
  rm -rf "$LIB_DIR"
  mkdir -p "$LIB_DIR"
  local mvn_log="$KAFKA_DIR/maven.log"
  if ! "$MVN" -B -f "$KAFKA_SOURCE_DIR/pom.xml" \
    -Dmaven.repo.local="$KAFKA_DIR/m2" \
    -Dkafka.version="$KAFKA_VERSION" -Dlog4j.version="$LOG4J_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIB_DIR" \
    >"$mvn_log" 2>&1; then
    tail -n 20 "$mvn_log" | sed 's/^/    /' >&2
    svc_die "Maven failed to download Kafka $KAFKA_VERSION; full output in $mvn_log"
  fi
  printf '%s\n' "$stamp" >"$LIB_DIR/.complete"
}

render_config() {
  mkdir -p "$CONFIG_DIR" "$DATA_DIR"
  sed -e "s|@CLIENT_PORT@|$KAFKA_PORT|g" \
    -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
    -e "s|@LOG_DIRS@|$DATA_DIR|g" \
    "$KAFKA_SOURCE_DIR/server.properties.template" >"$CONFIG_DIR/server.properties"
  cp "$KAFKA_SOURCE_DIR/log4j2.properties" "$CONFIG_DIR/log4j2.properties"
}

# The JVM command line shared by the storage tool and the broker.
java_command() {
  # KAFKA_HEAP_OPTS contains several JVM options, so it is split on purpose.
  # shellcheck disable=SC2206
  JAVA_COMMAND=("$JAVA" $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError
    -Djava.awt.headless=true -Dlog4j2.configurationFile="$CONFIG_DIR/log4j2.properties"
    -cp "$LIB_DIR/*")
}

run_java() {
  java_command
  "${JAVA_COMMAND[@]}" "$@"
}

# Format the log directory on first start. The standalone controller's address is
# written into the metadata, so the controller port cannot change afterwards.
format_storage() {
  local formatted_port_file="$DATA_DIR/.controller-port"
  if [[ -f $DATA_DIR/meta.properties ]]; then
    if [[ -f $formatted_port_file && "$(<"$formatted_port_file")" != "$KAFKA_CONTROLLER_PORT" ]]; then
      svc_die "the data in $DATA_DIR was formatted for controller port $(<"$formatted_port_file")," \
        "not $KAFKA_CONTROLLER_PORT; run '$0 reset' to start over with the new port"
    fi
    return 0
  fi
  local cluster_id
  cluster_id="$(run_java kafka.tools.StorageTool random-uuid 2>>"$LOG_FILE" | tail -n 1)"
  [[ -n $cluster_id ]] || svc_die "StorageTool random-uuid printed no cluster id; see $LOG_FILE"
  svc_log "formatting $DATA_DIR for cluster $cluster_id"
  if ! run_java kafka.tools.StorageTool format --standalone \
    --config "$CONFIG_DIR/server.properties" --cluster-id "$cluster_id" >>"$LOG_FILE" 2>&1; then
    svc_die "StorageTool format failed; see $LOG_FILE"
  fi
  printf '%s\n' "$KAFKA_CONTROLLER_PORT" >"$formatted_port_file"
}

# Send an ApiVersions v0 request to the client port and check that the reply has
# correlation id 1 and error code 0. The broker only serves client requests after
# it has caught up with the cluster metadata, so this means it is ready.
broker_is_ready() {
  local reply
  # Request: size 15, api_key 18 (ApiVersions), api_version 0, correlation_id 1,
  # client_id "probe". Reply: size, correlation_id, error_code, ...
  # shellcheck disable=SC2016 # the inner script expands its own arguments
  reply="$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "\x00\x00\x00\x0f\x00\x12\x00\x00\x00\x00\x00\x01\x00\x05probe" >&3
    head -c 10 <&3 | od -An -v -tx1
  ' "$SVC_HOST" "$KAFKA_PORT" 2>/dev/null)" || return 1
  local -a bytes
  read -r -a bytes <<<"$reply"
  [[ ${#bytes[@]} -eq 10 && "${bytes[*]:4:6}" == "00 00 00 01 00 00" ]]
}

start() {
  svc_lock "$KAFKA_DIR/start.lock"
  if svc_running_pid "$PID_FILE" "$PROCESS_MARKER" >/dev/null; then
    svc_wait_ready "$PID_FILE" "$PROCESS_MARKER" "$LOG_FILE" "$KAFKA_PORT" "$KAFKA_START_TIMEOUT" broker_is_ready
    svc_log "already running on $SVC_HOST:$KAFKA_PORT"
    return 0
  fi
  local started=$SECONDS
  require_java
  svc_require_free_ports "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"
  fetch_jars
  render_config
  format_storage
  java_command
  svc_spawn "$PID_FILE" "$LOG_FILE" "${JAVA_COMMAND[@]}" kafka.Kafka "$CONFIG_DIR/server.properties"
  svc_wait_ready "$PID_FILE" "$PROCESS_MARKER" "$LOG_FILE" "$KAFKA_PORT" "$KAFKA_START_TIMEOUT" broker_is_ready
  svc_log "Kafka $KAFKA_VERSION ready on $SVC_HOST:$KAFKA_PORT (controller $KAFKA_CONTROLLER_PORT)" \
    "in $(svc_elapsed "$started"), log $LOG_FILE"
}

stop() {
  svc_stop_pid "$PID_FILE" "$PROCESS_MARKER" 30
  svc_log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    svc_status "$PID_FILE" "$PROCESS_MARKER" "$LOG_FILE" "$SVC_HOST:$KAFKA_PORT" broker_is_ready
    ;;
  reset)
    stop
    rm -rf "$DATA_DIR" "$CONFIG_DIR" "$LOG_FILE"
    svc_log "deleted the broker's data, config and log (downloads in $KAFKA_DIR/lib and $KAFKA_DIR/m2 are kept)"
    ;;
  *) usage ;;
esac
