# shellcheck shell=bash
# Shared helpers for deploy/local/stack. Sourced, not run.
#
# Every process the stack starts has a pid file holding "<pid> <start-time>"; the start time (field 22
# of /proc/<pid>/stat) tells our process apart from an unrelated one that later got the same pid, so
# stop and status never touch a process the stack did not start.

log() { printf '%s\n' "$*" >&2; }
die() { log "stack: $*"; exit 1; }

proc_start_time() { # pid -> start time in clock ticks since boot, or nothing
  [ -r "/proc/$1/stat" ] || return 1
  # the command name (field 2) may contain spaces; cut after its closing parenthesis
  sed -E 's/^.*\) //' "/proc/$1/stat" | awk '{print $20}'
}

pid_file() { echo "$RUN_DIR/$1/$1.pid"; }

# Prints the pid of a live process we started for component $1; fails if there is none.
owned_pid() {
  local file pid started now
  file=$(pid_file "$1")
  [ -f "$file" ] || return 1
  read -r pid started <"$file" || return 1
  now=$(proc_start_time "$pid") || return 1
  [ "$now" = "$started" ] || return 1
  echo "$pid"
}

record_pid() { # component pid
  echo "$2 $(proc_start_time "$2")" >"$(pid_file "$1")"
}

port_open() { # port -> success if something accepts connections on 127.0.0.1:port
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Starts "$@" detached in its own session with output in the component's log; records its pid.
spawn() { # component command...
  local component=$1; shift
  mkdir -p "$RUN_DIR/$component"
  setsid "$@" >>"$RUN_DIR/$component/$component.log" 2>&1 </dev/null &
  record_pid "$component" "$!"
}

# Waits until check "$@" succeeds, the component's process dies, or the timeout passes.
wait_until() { # component timeout-seconds check...
  local component=$1 timeout=$2; shift 2
  local deadline=$((SECONDS + timeout))
  while ! "$@"; do
    owned_pid "$component" >/dev/null || { log "$component exited during start-up; last log lines:"; tail -n 20 "$RUN_DIR/$component/$component.log" >&2; return 1; }
    [ $SECONDS -lt $deadline ] || { log "$component not ready after ${timeout}s; last log lines:"; tail -n 20 "$RUN_DIR/$component/$component.log" >&2; return 1; }
    sleep 0.2
  done
}

# Stops a component we started: SIGTERM, then SIGKILL after a grace period. Leaves others alone.
stop_owned() { # component [grace-seconds]
  local component=$1 grace=${2:-20} pid deadline
  pid=$(owned_pid "$component") || { rm -f "$(pid_file "$component")"; return 0; }
  kill -TERM "$pid" 2>/dev/null
  deadline=$((SECONDS + grace))
  while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    log "$component did not stop in ${grace}s; killing it"
    kill -KILL "$pid" 2>/dev/null
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$(pid_file "$component")"
}

# Kills a component we started at once (SIGKILL), as a crash would: no shutdown hooks, nothing flushed.
kill_owned() { # component
  local pid
  pid=$(owned_pid "$1") || { log "$1 is not running"; return 0; }
  log "killing $1 (pid $pid) with SIGKILL"
  kill -KILL "$pid" 2>/dev/null
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$(pid_file "$1")"
}

# Refuses to start on a port some process we did not start already holds.
require_free_port() { # component port
  if port_open "$2"; then
    die "$1: port $2 on 127.0.0.1 is already in use by a process this stack did not start"
  fi
}

mvn_cmd() { "$REPO_ROOT/mvnw" -B -ntp -q "$@"; }

# A secret of BYTES random bytes (default 16), made once and kept in FILE (mode 600, its folder 700):
# prints it. secret_file FILE WHAT [BYTES]. Components starting side by side may ask for the same secret:
# each writes its own candidate and hard-links it into place, which fails if another got there first, so
# every caller prints the one secret that won.
secret_file() {
  if [ ! -s "$1" ]; then
    local candidate="$1.$$.$BASHPID"
    (umask 077 && mkdir -p "$(dirname "$1")" && openssl rand -hex "${3:-16}" >"$candidate") \
      || die "could not generate $2 (is openssl installed?)"
    ln "$candidate" "$1" 2>/dev/null || true
    rm -f "$candidate"
  fi
  cat "$1"
}

# A self-signed certificate for 127.0.0.1 and localhost, made once: DIR/NAME.crt and its unencrypted
# PKCS#8 key DIR/NAME.key (mode 600). The local stack's TLS servers serve it; their clients trust it.
self_signed_certificate() { # dir name common-name
  [ -s "$1/$2.crt" ] && [ -s "$1/$2.key" ] && return 0
  (umask 077 && mkdir -p "$1" \
    && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 -subj "/CN=$3" \
      -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -keyout "$1/$2.key" -out "$1/$2.crt" >/dev/null 2>&1) \
    || die "could not make the certificate $1/$2.crt (is openssl installed?)"
  chmod 644 "$1/$2.crt"
}
