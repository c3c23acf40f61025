# shellcheck shell=bash
# Kafka 4.1 broker in KRaft mode: one process that is both broker and controller.

kafka_address() { echo "127.0.0.1:$KAFKA_PORT"; }

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
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
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
  local java_opts=(-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true)
  if [ ! -f "$dir/data/meta.properties" ]; then
    local cluster_id
    cluster_id=$(java "${java_opts[@]}" -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    java "${java_opts[@]}" -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" \
      >>"$dir/kafka.log" 2>&1 || die "kafka: formatting the log directory failed (see $dir/kafka.log)"
  fi
  spawn kafka java "${java_opts[@]}" -Dgovernor.stack.component=kafka -cp "$cp" kafka.Kafka "$dir/server.properties"
  wait_until kafka 60 kafka_ready
}

kafka_stop() { stop_owned kafka 30; }
