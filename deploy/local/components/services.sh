# The Governor services, run from their packaged Quarkus jars (built on first use).

# component -> Maven module and HTTP port
service_module() { echo "$1-service"; }
service_port() {
  case $1 in
    ingress) echo "$INGRESS_PORT" ;;
    delivery) echo "$DELIVERY_PORT" ;;
    event-bridge) echo "$EVENT_BRIDGE_PORT" ;;
    archive) echo "$ARCHIVE_PORT" ;;
  esac
}
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

service_health() { # component -> the HTTP status of its readiness endpoint
  curl -s -o /dev/null -m 2 -w '%{http_code}' "$(service_address "$1")/q/health/ready"
}

service_ready() { [ "$(service_health "$1")" = 200 ]; }

service_start() {
  local c=$1 port
  port=$(service_port "$c")
  require_free_port "$c" "$port"
  services_build_missing "$c" || die "$c: build failed"
  mkdir -p "$RUN_DIR/$c"
  spawn "$c" env \
    QUARKUS_HTTP_PORT="$port" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
    QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$REDIS_PORT" \
    GOVERNOR_S3_ENDPOINT="http://127.0.0.1:$S3_PORT" \
    GOVERNOR_S3_ACCESS_KEY="$S3_ACCESS_KEY" \
    GOVERNOR_S3_SECRET_KEY="$S3_SECRET_KEY" \
    GOVERNOR_S3_CREATE_BUCKET=true \
    java -Xms32m -Xmx256m -Dgovernor.stack.component="$c" -jar "$(service_jar "$c")"
  wait_until "$c" 90 service_ready "$c"
}

service_stop() { stop_owned "$1" 30; }
