# shellcheck shell=bash
# Shared by the benchmark commands. Sourced, not run.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Builds the named module when its jar is missing.
build_if_missing() { # jar module
  if [ ! -f "$1" ]; then
    ./mvnw -B -ntp -q -DskipTests package -pl "$2" -am
  fi
}

# A run folder and free ports of its own, exported for deploy/local/stack and everything it starts.
private_ports() {
  GOVERNOR_RUN_DIR=$(mktemp -d /tmp/governor-bench.XXXXXX)
  export GOVERNOR_RUN_DIR
  for var in GOVERNOR_KAFKA_PORT GOVERNOR_KAFKA_CONTROLLER_PORT GOVERNOR_REDIS_PORT GOVERNOR_S3_PORT GOVERNOR_OIDC_PORT GOVERNOR_MQTT_PORT \
             GOVERNOR_SIMULATOR_PORT GOVERNOR_SIMULATOR_PUBSUB_PORT GOVERNOR_INGRESS_PORT GOVERNOR_DELIVERY_PORT GOVERNOR_EVENT_BRIDGE_PORT GOVERNOR_ARCHIVE_PORT \
             GOVERNOR_INGRESS_MANAGEMENT_PORT GOVERNOR_DELIVERY_MANAGEMENT_PORT GOVERNOR_EVENT_BRIDGE_MANAGEMENT_PORT \
             GOVERNOR_ARCHIVE_MANAGEMENT_PORT; do
    export "$var=$(free_port)"
  done
  if [ "${GOVERNOR_REDIS_TOPOLOGY:-single}" = cluster ]; then # five more nodes, and the six nodes' buses
    local nodes=$GOVERNOR_REDIS_PORT buses
    buses=$(free_port)
    for _ in 1 2 3 4 5; do nodes="$nodes,$(free_port)"; buses="$buses,$(free_port)"; done
    export GOVERNOR_REDIS_CLUSTER_PORTS=$nodes GOVERNOR_REDIS_CLUSTER_BUS_PORTS=$buses
  fi
}

# Starts the components on a stack of their own (run folder and free ports), stopped on exit.
private_stack() { # component...
  private_ports
  BENCH_COMPONENTS=("$@")
  trap 'deploy/local/stack down "${BENCH_COMPONENTS[@]}" >/dev/null 2>&1; rm -rf "$GOVERNOR_RUN_DIR"' EXIT
  deploy/local/stack up "$@" >/dev/null
}

component_pid() { cut -d' ' -f1 "$GOVERNOR_RUN_DIR/$1/$1.pid"; }

# The Node load generator (autocannon, from the npm registry), installed once into the tools folder.
install_load_tools() {
  local dir=deploy/local/bench/load
  if [ ! -d "$dir/node_modules/autocannon" ]; then
    (cd "$dir" && npm install --no-audit --no-fund --silent >/dev/null)
  fi
}

# wrk, from Debian's packages.
install_wrk() {
  command -v wrk >/dev/null && return 0
  if [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } >/dev/null
  else
    echo "wrk is missing: sudo apt-get install wrk" >&2
    exit 1
  fi
}

# Seconds since a `date +%s.%N` reading, to a tenth.
elapsed_since() { awk -v start="$1" -v now="$(date +%s.%N)" 'BEGIN { printf "%.1f", now - start }'; }
