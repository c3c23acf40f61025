# shellcheck shell=bash
# The Governor services and the Salesforce simulator, run from their packaged Quarkus jars (built on
# first use).

# component -> Maven module and HTTP port
service_module() { if [ "$1" = simulator ]; then echo salesforce-simulator; else echo "$1-service"; fi; }
service_port() {
  case $1 in
    simulator) echo "$SIMULATOR_PORT" ;;
    ingress) echo "$INGRESS_PORT" ;;
    delivery) echo "$DELIVERY_PORT" ;;
    event-bridge) echo "$EVENT_BRIDGE_PORT" ;;
    archive) echo "$ARCHIVE_PORT" ;;
  esac
}
# component -> the port of its management interface (/q/health, /q/metrics, /q/openapi); the simulator,
# standing in for Salesforce, keeps its /q endpoints on its one port.
service_management_port() {
  case $1 in
    simulator) echo "$SIMULATOR_PORT" ;;
    ingress) echo "$INGRESS_MANAGEMENT_PORT" ;;
    delivery) echo "$DELIVERY_MANAGEMENT_PORT" ;;
    event-bridge) echo "$EVENT_BRIDGE_MANAGEMENT_PORT" ;;
    archive) echo "$ARCHIVE_MANAGEMENT_PORT" ;;
  esac
}
service_management_address() { echo "http://127.0.0.1:$(service_management_port "$1")"; }
service_jar() { echo "$REPO_ROOT/$(service_module "$1")/target/quarkus-app/quarkus-run.jar"; }
service_address() { echo "http://127.0.0.1:$(service_port "$1")"; }

# Builds, in one Maven run, every service among "$@" whose jar is missing.
services_build_missing() {
  local missing=() c
  for c in "$@"; do [ -f "$(service_jar "$c")" ] || missing+=("$(service_module "$c")"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "building ${missing[*]} (first run only; ./mvnw package rebuilds)"
  (cd "$REPO_ROOT" && mvn_cmd -DskipTests -Dquarkus.build.skip=false package -pl "$(IFS=,; echo "${missing[*]}")" -am)
}

# The simulator holds the org's records in memory, so it gets more heap than a service.
service_heap() {
  if [ "$1" = simulator ]; then echo "${GOVERNOR_SIMULATOR_HEAP:-768m}"; else echo "${GOVERNOR_SERVICE_HEAP:-128m}"; fi
}

# JVM flags beyond the heap. Delivery, the event bridge and the archive are I/O-bound: the serial
# collector, a smaller code cache and thread stacks (and two malloc arenas, set in service_start) keep
# their resident memory down at no cost in throughput the benchmarks could see. The ingress is CPU-bound
# (HTTP, JSON, two Redis round trips and a produce per write): the parallel collector gave it the most
# writes per second of the three collectors. docs/operations.md has the measured figures and the flags
# to use where memory matters more than throughput.
service_java_opts() {
  case $1 in
    simulator) echo "${GOVERNOR_SIMULATOR_JAVA_OPTS:-}" ;;
    ingress) echo "${GOVERNOR_INGRESS_JAVA_OPTS:--XX:+UseParallelGC}" ;;
    *) echo "${GOVERNOR_SERVICE_JAVA_OPTS:--XX:+UseSerialGC -XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=128m -Xss512k}" ;;
  esac
}

service_health() { # component -> the HTTP status of its readiness endpoint
  curl -s -o /dev/null -m 2 -w '%{http_code}' "$(service_management_address "$1")/q/health/ready"
}

service_ready() { [ "$(service_health "$1")" = 200 ]; }

# The key pair of the connected app the services sign JWT bearer assertions with; the simulator holds
# the public half, as a Salesforce org holds the uploaded certificate. Made once per run folder.
jwt_key_pair() {
  local dir="$CREDENTIALS_DIR"
  if [ ! -s "$dir/governor-jwt-public.pem" ]; then
    mkdir -p "$dir" && chmod 700 "$dir"
    if ! openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/governor-jwt-private.pem" 2>/dev/null \
      || ! openssl pkey -in "$dir/governor-jwt-private.pem" -pubout -out "$dir/governor-jwt-public.pem"; then
      die "could not generate the JWT key pair (is openssl installed?)"
    fi
    chmod 600 "$dir/governor-jwt-private.pem"
  fi
  echo "$dir"
}

# The secret of the local profile's demo webhook source (the ingress's "github"). Made once per stack.
webhook_secret() { secret_file "$CREDENTIALS_DIR/webhook-secret" "the webhook secret" 24; }

service_start() {
  local c=$1 port credentials
  port=$(service_port "$c")
  require_free_port "$c" "$port"
  local own_ports=() # settings of the ports only this component has
  if [ "$c" = simulator ]; then
    require_free_port "$c" "$SIMULATOR_PUBSUB_PORT"
    own_ports=(QUARKUS_GRPC_SERVER_HOST=127.0.0.1 "QUARKUS_GRPC_SERVER_PORT=$SIMULATOR_PUBSUB_PORT")
  else
    require_free_port "$c" "$(service_management_port "$c")"
  fi
  if [ "$c" = ingress ]; then # the console reaches the other services' admin APIs through the ingress
    own_ports=("GOVERNOR_CONSOLE_SERVICES_DELIVERY=$(service_address delivery)"
      "GOVERNOR_CONSOLE_SERVICES_BRIDGE=$(service_address event-bridge)"
      "GOVERNOR_CONSOLE_SERVICES_ARCHIVE=$(service_address archive)")
  fi
  services_build_missing "$c" || die "$c: build failed"
  credentials=$(jwt_key_pair)
  local kafka_security_env=() # KAFKA_SECURITY_PROTOCOL and the rest when the broker takes only SASL_SSL
  mapfile -t kafka_security_env < <(kafka_client_environment)
  local redis_security_env=() # a password and trust when Redis takes only TLS
  mapfile -t redis_security_env < <(redis_client_environment)
  mkdir -p "$RUN_DIR/$c"
  # shellcheck disable=SC2046 # the JVM options are a list of words
  spawn "$c" env \
    MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" \
    QUARKUS_PROFILE="${GOVERNOR_SERVICE_PROFILE:-prod,local}" \
    GOVERNOR_LOCAL_WEBHOOK_SECRET="$(webhook_secret)" \
    SIMULATOR_AUTH_APPS_GOVERNOR_CERTIFICATE="$credentials/governor-jwt-public.pem" \
    GOVERNOR_SALESFORCE_LOGIN_URL="http://127.0.0.1:$SIMULATOR_PORT" \
    GOVERNOR_SALESFORCE_JWT_KEY_FILE="$credentials/governor-jwt-private.pem" \
    GOVERNOR_SALESFORCE_PUBSUB_PORT="$SIMULATOR_PUBSUB_PORT" \
    GOVERNOR_BRIDGE_MQTT_PORT="$MQTT_PORT" \
    QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_HTTP_PORT="$port" \
    QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
    QUARKUS_MANAGEMENT_PORT="$(service_management_port "$c")" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
    "${kafka_security_env[@]}" \
    QUARKUS_REDIS_HOSTS="$(redis_hosts)" \
    QUARKUS_REDIS_CLIENT_TYPE="$(redis_client_type)" \
    "${redis_security_env[@]}" \
    GOVERNOR_S3_ENDPOINT="http://127.0.0.1:$S3_PORT" \
    GOVERNOR_S3_ACCESS_KEY="$S3_ACCESS_KEY" \
    GOVERNOR_S3_SECRET_KEY="$S3_SECRET_KEY" \
    GOVERNOR_S3_CREATE_BUCKET=true \
    QUARKUS_OIDC_AUTH_SERVER_URL="http://127.0.0.1:$OIDC_PORT/governor" \
    "${own_ports[@]}" \
    java -Xms32m "-Xmx$(service_heap "$c")" $(service_java_opts "$c") -Dgovernor.stack.component="$c" -jar "$(service_jar "$c")"
  wait_until "$c" 90 service_ready "$c"
}

service_stop() { stop_owned "$1" 30; }
