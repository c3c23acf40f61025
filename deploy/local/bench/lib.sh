# Shared by the benchmark commands. Sourced, not run.

BENCH_JAR=benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Builds the benchmark drivers and the named modules when their jars are missing.
build_if_missing() { # jar module
  if [ ! -f "$1" ] || [ ! -f "$BENCH_JAR" ]; then
    ./mvnw -B -ntp -q -DskipTests package -pl "$2,benchmarks" -am
  fi
}

# Starts the components on a stack of their own (run folder and free ports), stopped on exit.
private_stack() { # component...
  GOVERNOR_RUN_DIR=$(mktemp -d /tmp/governor-bench.XXXXXX)
  export GOVERNOR_RUN_DIR
  for var in GOVERNOR_KAFKA_PORT GOVERNOR_KAFKA_CONTROLLER_PORT GOVERNOR_REDIS_PORT GOVERNOR_S3_PORT GOVERNOR_OIDC_PORT \
             GOVERNOR_SIMULATOR_PORT GOVERNOR_INGRESS_PORT GOVERNOR_DELIVERY_PORT GOVERNOR_EVENT_BRIDGE_PORT GOVERNOR_ARCHIVE_PORT; do
    export "$var=$(free_port)"
  done
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
