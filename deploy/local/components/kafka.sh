# shellcheck shell=bash
# Kafka 4.1 broker in KRaft mode: one process that is both broker and controller.

# GOVERNOR_KAFKA_SECURITY=sasl_ssl: the client listener takes only SASL_SSL with SCRAM-SHA-512, as a
# managed Kafka does (the production overlay's settings), with a self-signed certificate for 127.0.0.1 and
# SCRAM users made when the log directory is formatted; plaintext (the default) has no authentication.
KAFKA_SECURITY=${GOVERNOR_KAFKA_SECURITY:-plaintext}
case $KAFKA_SECURITY in
  plaintext|sasl_ssl) ;;
  *) die "GOVERNOR_KAFKA_SECURITY must be plaintext or sasl_ssl, not $KAFKA_SECURITY" ;;
esac

kafka_security() { echo "$KAFKA_SECURITY"; }

kafka_address() {
  if [ "$(kafka_security)" = sasl_ssl ]; then echo "sasl_ssl 127.0.0.1:$KAFKA_PORT"; else echo "127.0.0.1:$KAFKA_PORT"; fi
}

# Where a SASL_SSL broker keeps what its clients need: its certificate and key, passwords and client.properties.
kafka_tls_dir() { echo "$RUN_DIR/kafka/tls"; }

# A secret of this broker (made once, kept beside its data): kafka_secret NAME
kafka_secret() { secret_file "$(kafka_tls_dir)/$1" "the broker's $1"; }

# The JAAS line of the services' SCRAM user, as the production overlay's governor-kafka Secret holds it.
kafka_client_jaas() {
  echo "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"governor\" password=\"$(kafka_secret governor-password)\";"
}

# The broker's key and certificate as one PEM key store, and the certificate its clients trust.
kafka_tls_material() {
  local dir
  dir=$(kafka_tls_dir)
  self_signed_certificate "$dir" broker governor-local-kafka
  (umask 077 && cat "$dir/broker.key" "$dir/broker.crt" >"$dir/broker.pem")
}

# The client settings of this broker, in Kafka's property names (the services take them as KAFKA_* variables).
kafka_client_settings() {
  [ "$(kafka_security)" = sasl_ssl ] || return 0
  local dir
  dir=$(kafka_tls_dir)
  echo "security.protocol=SASL_SSL"
  echo "sasl.mechanism=SCRAM-SHA-512"
  echo "sasl.jaas.config=$(kafka_client_jaas)"
  echo "ssl.truststore.location=$dir/broker.crt"
  echo "ssl.truststore.type=PEM"
}

# The same settings as environment variables of a service (KAFKA_SECURITY_PROTOCOL=…), one per line.
kafka_client_environment() {
  local line key
  while IFS= read -r line; do
    key=${line%%=*}
    key=${key//./_}
    echo "KAFKA_${key^^}=${line#*=}"
  done < <(kafka_client_settings)
}

kafka_install() {
  local cp="$TOOLS_DIR/kafka.classpath"
  # A classpath resolved before the tools joined the pom is resolved again.
  [ -s "$cp" ] && grep -q "kafka-tools-4" "$cp" && return 0
  log "kafka: resolving the broker classpath from Maven Central"
  mkdir -p "$TOOLS_DIR"
  mvn_cmd -f "$STACK_DIR/tools/kafka.pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp.tmp" \
    && mv "$cp.tmp" "$cp"
}

kafka_ready() { port_open "$KAFKA_PORT" && grep -q "Kafka Server started" "$RUN_DIR/kafka/kafka.log"; }

kafka_start() {
  kafka_install || die "kafka: could not resolve the broker classpath"
  require_free_port kafka "$KAFKA_PORT"
  require_free_port kafka "$KAFKA_CONTROLLER_PORT"
  local dir="$RUN_DIR/kafka" cp
  cp=$(cat "$TOOLS_DIR/kafka.classpath")
  mkdir -p "$dir/data"
  : >"$dir/kafka.log"
  local listener=PLAINTEXT format_options=()
  if [ "$(kafka_security)" = sasl_ssl ]; then
    listener=SASL_SSL
    kafka_tls_material
    format_options=(--add-scram "SCRAM-SHA-512=[name=admin,password=$(kafka_secret admin-password)]"
      --add-scram "SCRAM-SHA-512=[name=governor,password=$(kafka_secret governor-password)]")
  fi
  (umask 077 && cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=$listener://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=$listener://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=$listener
listener.security.protocol.map=$listener:$listener,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=6
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.cleaner.dedupe.buffer.size=8388608
log.retention.hours=168
PROPS
  )
  if [ "$(kafka_security)" = sasl_ssl ]; then
    local tls
    tls=$(kafka_tls_dir)
    cat >>"$dir/server.properties" <<PROPS
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(kafka_secret admin-password)";
ssl.keystore.location=$tls/broker.pem
ssl.keystore.type=PEM
ssl.truststore.location=$tls/broker.crt
ssl.truststore.type=PEM
PROPS
    (umask 077 && kafka_client_settings >"$tls/client.properties")
  fi
  local java_opts=(-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true)
  # SCRAM users are made when the log directory is formatted, so a directory keeps the security it began with.
  if [ -f "$dir/data/meta.properties" ] && [ "$(cat "$dir/security" 2>/dev/null || echo plaintext)" != "$(kafka_security)" ]; then
    die "kafka: $dir/data was formatted for $(cat "$dir/security" 2>/dev/null || echo plaintext); remove it to start with $(kafka_security)"
  fi
  kafka_security >"$dir/security"
  if [ ! -f "$dir/data/meta.properties" ]; then
    local cluster_id
    cluster_id=$(java "${java_opts[@]}" -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    java "${java_opts[@]}" -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" \
      "${format_options[@]}" \
      >>"$dir/kafka.log" 2>&1 || die "kafka: formatting the log directory failed (see $dir/kafka.log)"
  fi
  spawn kafka java "${java_opts[@]}" -Dgovernor.stack.component=kafka -cp "$cp" kafka.Kafka "$dir/server.properties"
  wait_until kafka 60 kafka_ready
}

kafka_stop() { stop_owned kafka 30; }
