# shellcheck shell=bash
# Shared helpers for the service scripts in this folder (kafka.sh, ferretdb.sh,
# keystone.sh, glance.sh). Source this file after setting SVC_NAME; it does nothing by itself.
#
# Every service keeps its downloads, state, pid file and log under
# "$SERVICES_DIR/<name>", where SERVICES_DIR defaults to .services/ in the repository.

SERVICES_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVICES_DIR="${SERVICES_DIR:-$SERVICES_REPO_ROOT/.services}"

# All services listen on loopback only.
SVC_HOST=127.0.0.1

svc_log() {
  printf '%s: %s\n' "$SVC_NAME" "$*" >&2
}

svc_die() {
  svc_log "$*"
  exit 1
}

# Print the pid stored in PID_FILE if that process is alive and its command line
# contains MARKER (so a pid reused by an unrelated process after a reboot does not
# count). Return 1 otherwise.
svc_running_pid() {
  local pid_file=$1 marker=$2 pid
  [[ -f $pid_file ]] || return 1
  pid="$(<"$pid_file")"
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker" || return 1
  printf '%s\n' "$pid"
}

# Return 0 if something accepts TCP connections on 127.0.0.1:PORT.
svc_port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$SVC_HOST/$1" 2>/dev/null
}

# Fail unless every PORT is free, so a start never attaches to a stranger's server.
svc_require_free_ports() {
  local port
  for port in "$@"; do
    if svc_port_open "$port"; then
      svc_die "port $SVC_HOST:$port is already in use by another process;" \
        "stop it or choose another port (see scripts/services/README.md)"
    fi
  done
}

# Take an exclusive lock on LOCK_FILE for the rest of the script, so two concurrent
# starts of the same service cannot race. The lock is released when the script exits.
svc_lock() {
  local lock_file=$1
  mkdir -p "$(dirname "$lock_file")"
  exec 9>"$lock_file"
  if ! flock -w 300 9; then
    svc_die "timed out after 300 s waiting for the lock $lock_file"
  fi
}

# Install the Debian PACKAGES with apt-get, writing apt-get's output to LOG_FILE. SERVICE names
# what the packages provide in the failure message. Without root, exit with a message that lists
# the packages to install.
svc_apt_install() {
  local service=$1 apt_log=$2
  shift 2
  # The package names as a list for the messages: "a, b and c".
  local listed=$1 index
  for ((index = 2; index < $#; index++)); do
    listed+=", ${!index}"
  done
  if (($# > 1)); then
    listed+=" and ${!#}"
  fi
  if [[ $(id -u) -ne 0 ]]; then
    svc_die "$listed are missing; install them with apt-get (needs root) and run this again"
  fi
  svc_log "installing $listed with apt-get"
  mkdir -p "$(dirname "$apt_log")"
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"; } >"$apt_log" 2>&1; then
    tail -n 20 "$apt_log" | sed 's/^/    /' >&2
    svc_die "apt-get failed to install $service; full output in $apt_log"
  fi
}

# Print the name of uWSGI's Python 3 plugin (python3 or python3XX), which Debian's
# uwsgi-plugin-python3 installs. Return 1 when it is not installed.
svc_uwsgi_python_plugin() {
  local plugin
  for plugin in /usr/lib/uwsgi/plugins/python3_plugin.so /usr/lib/uwsgi/plugins/python3*_plugin.so; do
    if [[ -e $plugin ]]; then
      plugin="${plugin##*/}"
      echo "${plugin%_plugin.so}"
      return 0
    fi
  done
  return 1
}

# Run COMMAND... in the background in its own session, with stdout and stderr
# appended to LOG_FILE, and write its pid to PID_FILE.
svc_spawn() {
  local pid_file=$1 log_file=$2
  shift 2
  mkdir -p "$(dirname "$pid_file")" "$(dirname "$log_file")"
  printf '\n===== %s: starting %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$SVC_NAME" >>"$log_file"
  # fd 9 is the start lock: close it so the service does not keep holding it.
  setsid nohup "$@" >>"$log_file" 2>&1 </dev/null 9>&- &
  printf '%s\n' "$!" >"$pid_file"
}

# Wait until PROBE (a command) succeeds, for at most TIMEOUT seconds, while the
# process in PID_FILE stays alive. On failure, stop the process, print which
# service, port and log are involved with the end of the log, and exit 1.
svc_wait_ready() {
  local pid_file=$1 marker=$2 log_file=$3 port=$4 timeout_s=$5
  shift 5
  local deadline=$((SECONDS + timeout_s)) pid
  pid="$(<"$pid_file")"
  while ((SECONDS < deadline)); do
    # Liveness only: right after svc_spawn the command line is still the launcher's
    # (bash, setsid, nohup) until the service has been exec'd.
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      svc_fail_start "$port" "$log_file" "the process exited during startup"
    fi
    if "$@"; then
      return 0
    fi
    sleep 0.5
  done
  svc_stop_pid "$pid_file" "$marker" 20
  svc_fail_start "$port" "$log_file" "it did not respond within ${timeout_s} s"
}

svc_fail_start() {
  local port=$1 log_file=$2 reason=$3
  svc_log "failed to start on $SVC_HOST:$port: $reason"
  svc_log "log: $log_file (last 20 lines below)"
  if [[ -f $log_file ]]; then
    tail -n 20 "$log_file" | sed 's/^/    /' >&2
  fi
  exit 1
}

# Send SIGTERM to the process in PID_FILE, wait up to TIMEOUT seconds for it to
# exit, then send SIGKILL. Remove the pid file. Succeeds when nothing was running.
svc_stop_pid() {
  local pid_file=$1 marker=$2 timeout_s=$3 pid
  if ! pid="$(svc_running_pid "$pid_file" "$marker")"; then
    rm -f "$pid_file"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + timeout_s))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    svc_log "pid $pid still running after ${timeout_s} s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do
      sleep 0.1
    done
  fi
  rm -f "$pid_file"
}

# Print the status line for a service and return 0 when it runs and responds,
# 1 when its process runs but PROBE fails, 3 when it is not running.
svc_status() {
  local pid_file=$1 marker=$2 log_file=$3 endpoint=$4
  shift 4
  local pid
  if ! pid="$(svc_running_pid "$pid_file" "$marker")"; then
    echo "$SVC_NAME: not running"
    return 3
  fi
  if "$@"; then
    echo "$SVC_NAME: running, pid $pid, $endpoint, log $log_file"
    return 0
  fi
  echo "$SVC_NAME: process $pid is running but $endpoint does not respond, log $log_file"
  return 1
}

# Seconds elapsed since START_SECONDS (a value of $SECONDS), for the log lines.
svc_elapsed() {
  echo "$((SECONDS - $1)) s"
}
