# shellcheck shell=bash
# Redis from Debian's package, append-only so that a restart keeps idempotency keys and governor state.
#
# GOVERNOR_REDIS_TOPOLOGY=cluster makes "redis" a Redis Cluster instead of one server: three primaries and
# three replicas on GOVERNOR_REDIS_CLUSTER_PORTS (default: the Redis port and the five above it), each with
# its cluster bus on GOVERNOR_REDIS_CLUSTER_BUS_PORTS (default: 10000 above each), and the services told to
# use it as a cluster. A node killed alone (kill -9 of the pid in redis-node-<port>/) is replaced by its
# replica within the node timeout; "up redis" starts it again, and it rejoins as a replica. Each node is
# its own component, redis-node-<port>, with its pid file, log and data in a folder of that name.

REDIS_TOPOLOGY=${GOVERNOR_REDIS_TOPOLOGY:-single}
# Short enough that a test sees a replica promoted within seconds, long enough not to fail over on a GC pause.
REDIS_CLUSTER_NODE_TIMEOUT_MS=${GOVERNOR_REDIS_CLUSTER_NODE_TIMEOUT_MS:-3000}

redis_cluster() { [ "$REDIS_TOPOLOGY" = cluster ]; }

# GOVERNOR_REDIS_SECURITY=tls: every node takes only TLS (a self-signed certificate for 127.0.0.1, in
# <run folder>/redis-tls) and a password, as a managed Redis does, and the services are told so
# (rediss://, QUARKUS_REDIS_PASSWORD, the certificate as their trust); "none" (the default) has neither.
REDIS_SECURITY=${GOVERNOR_REDIS_SECURITY:-none}
case $REDIS_SECURITY in none|tls) ;; *) die "GOVERNOR_REDIS_SECURITY must be none or tls, not $REDIS_SECURITY" ;; esac

redis_tls() { [ "$REDIS_SECURITY" = tls ]; }

redis_tls_dir() { echo "$RUN_DIR/redis-tls"; }

redis_password() { secret_file "$(redis_tls_dir)/password" "the Redis password"; }

# The certificate and key every node serves (its own trust, too: the nodes of a cluster verify each other).
redis_tls_material() { self_signed_certificate "$(redis_tls_dir)" redis governor-local-redis; }

# redis-cli with the stack's security: redis_cli ARGS...
redis_cli() {
  if redis_tls; then
    REDISCLI_AUTH=$(redis_password) redis-cli --tls --cacert "$(redis_tls_dir)/redis.crt" "$@"
  else
    redis-cli "$@"
  fi
}

# A node's configuration file (the password stays off the command line) and the listening options for port $2.
redis_node_config() { # file port
  local file=$1 port=$2
  if ! redis_tls; then
    echo "port $port" >"$file"
    return
  fi
  redis_tls_material
  local dir password
  dir=$(redis_tls_dir)
  password=$(redis_password)
  (umask 077 && cat >"$file" <<CONF
port 0
tls-port $port
tls-cert-file $dir/redis.crt
tls-key-file $dir/redis.key
tls-ca-cert-file $dir/redis.crt
tls-auth-clients no
tls-replication yes
tls-cluster yes
requirepass $password
masterauth $password
CONF
  )
}

redis_cluster_ports() { # -> the six nodes' client ports, one a line
  if [ -n "${GOVERNOR_REDIS_CLUSTER_PORTS:-}" ]; then tr -s ', ' '\n' <<<"$GOVERNOR_REDIS_CLUSTER_PORTS" | grep .
  else seq "$REDIS_PORT" $((REDIS_PORT + 5)); fi
}

redis_cluster_bus_port() { # node's client port -> its cluster bus port
  local i=0 port bus
  if [ -z "${GOVERNOR_REDIS_CLUSTER_BUS_PORTS:-}" ]; then echo $(($1 + 10000)); return; fi
  mapfile -t bus < <(tr -s ', ' '\n' <<<"$GOVERNOR_REDIS_CLUSTER_BUS_PORTS" | grep .)
  for port in $(redis_cluster_ports); do
    [ "$port" = "$1" ] && { echo "${bus[$i]}"; return; }
    i=$((i + 1))
  done
  die "redis: no cluster bus port for node $1"
}

# What a service is told: one address (single), or every node's (cluster), as Quarkus's redis.hosts takes them.
redis_hosts() {
  local scheme=redis
  redis_tls && scheme=rediss
  if redis_cluster; then redis_cluster_ports | sed "s|^|$scheme://127.0.0.1:|" | paste -sd, -
  else echo "$scheme://127.0.0.1:$REDIS_PORT"; fi
}

# What a service needs beyond its hosts when Redis takes only TLS and a password, as environment variables:
# the password, the server's name checked against its certificate (as the production overlay asks), and
# the local certificate as the trust (a public certificate authority needs none).
redis_client_environment() {
  redis_tls || return 0
  echo "QUARKUS_REDIS_PASSWORD=$(redis_password)"
  echo "QUARKUS_REDIS_TLS_HOSTNAME_VERIFICATION_ALGORITHM=HTTPS"
  echo "QUARKUS_REDIS_TLS_TRUST_CERTIFICATE_PEM=true"
  echo "QUARKUS_REDIS_TLS_TRUST_CERTIFICATE_PEM_CERTS=$(redis_tls_dir)/redis.crt"
}

redis_client_type() { if redis_cluster; then echo cluster; else echo standalone; fi; }

redis_address() {
  local tls=""
  redis_tls && tls="tls "
  if redis_cluster; then echo "${tls}cluster 127.0.0.1:$(redis_cluster_ports | paste -sd, -)"
  else echo "${tls}127.0.0.1:$REDIS_PORT"; fi
}

redis_cluster_pids() {
  local port
  for port in $(redis_cluster_ports); do owned_pid "redis-node-$port" || true; done | paste -sd' ' -
}

redis_install() {
  command -v redis-server >/dev/null && return 0
  log "redis: installing redis-server from Debian's packages"
  if [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server; } >&2
  else
    die "redis: redis-server is missing; install it with: sudo apt-get install redis-server"
  fi
}

redis_ping() { redis_cli -h 127.0.0.1 -p "$1" ping 2>/dev/null | grep -q PONG; }

redis_ready() {
  if ! redis_cluster; then redis_ping "$REDIS_PORT"; return; fi
  # Ready is every slot served and every replica in sync: a replica that never synced cannot take over.
  local port
  for port in $(redis_cluster_ports); do
    redis_cli -h 127.0.0.1 -p "$port" cluster info 2>/dev/null | grep -q '^cluster_state:ok' || return 1
    if redis_cli -h 127.0.0.1 -p "$port" info replication 2>/dev/null | grep -q '^role:slave'; then
      redis_cli -h 127.0.0.1 -p "$port" info replication | grep -q '^master_link_status:up' || return 1
    fi
  done
}

# Running means every node is: a cluster with a node down is what "up" mends.
redis_running() {
  if ! redis_cluster; then owned_pid redis >/dev/null; return; fi
  local port
  for port in $(redis_cluster_ports); do owned_pid "redis-node-$port" >/dev/null || return 1; done
}

redis_start() {
  redis_install || die "redis: could not install redis-server"
  if redis_cluster; then redis_cluster_start; return; fi
  require_free_port redis "$REDIS_PORT"
  local dir="$RUN_DIR/redis"
  mkdir -p "$dir/data"
  redis_node_config "$dir/redis.conf" "$REDIS_PORT"
  spawn redis redis-server "$dir/redis.conf" --bind 127.0.0.1 --dir "$dir/data" \
    --save '' --appendonly yes --appendfsync everysec --daemonize no --protected-mode yes
  wait_until redis 20 redis_ready
}

redis_cluster_start() {
  local port dir first
  first=$(redis_cluster_ports | head -n 1)
  for port in $(redis_cluster_ports); do
    owned_pid "redis-node-$port" >/dev/null && continue
    require_free_port "redis-node-$port" "$port"
    dir="$RUN_DIR/redis-node-$port/data"
    mkdir -p "$dir"
    redis_node_config "$dir/redis.conf" "$port"
    spawn "redis-node-$port" redis-server "$dir/redis.conf" --bind 127.0.0.1 --dir "$dir" \
      --cluster-enabled yes --cluster-port "$(redis_cluster_bus_port "$port")" \
      --cluster-config-file "$dir/nodes.conf" --cluster-node-timeout "$REDIS_CLUSTER_NODE_TIMEOUT_MS" --repl-diskless-sync-delay 0 \
      --save '' --appendonly yes --appendfsync everysec --daemonize no --protected-mode yes
    wait_until "redis-node-$port" 20 redis_ping "$port"
  done
  # A node that has met no other was never part of a cluster: make one of all six (a restarted node
  # remembers its cluster in nodes.conf and rejoins it on its own).
  if redis_cli -h 127.0.0.1 -p "$first" cluster info | grep -q '^cluster_known_nodes:1'; then
    # shellcheck disable=SC2046 # one address a word
    redis_cli --cluster create $(redis_cluster_ports | sed 's|^|127.0.0.1:|') --cluster-replicas 1 \
      --cluster-yes >>"$RUN_DIR/redis-node-$first/redis-node-$first.log" 2>&1 || die "redis: the cluster could not be created"
  fi
  wait_until_cluster_ready 60
}

wait_until_cluster_ready() { # timeout-seconds
  local deadline=$((SECONDS + $1))
  until redis_ready; do
    [ $SECONDS -lt $deadline ] || { log "redis: the cluster is not ready after $1s"; return 1; }
    sleep 0.2
  done
}

# The nodes to stop: those configured, and any other this run folder holds, so that "down" without the
# environment a stack was started with (a private stack's ports) still stops every node it started.
redis_cluster_nodes_started() {
  { redis_cluster_ports
    for dir in "$RUN_DIR"/redis-node-*; do [ -d "$dir" ] && echo "${dir##*/redis-node-}"; done
  } | sort -un
}

redis_stop() {
  if ! redis_cluster; then stop_owned redis 20; return; fi
  # All nodes at once: a primary told to stop waits for its replica to catch up, one by one that adds up.
  local port pids=()
  for port in $(redis_cluster_nodes_started); do stop_owned "redis-node-$port" 20 & pids+=("$!"); done
  for port in "${pids[@]}"; do wait "$port"; done
}

redis_kill() {
  if ! redis_cluster; then kill_owned redis; return; fi
  local port
  for port in $(redis_cluster_nodes_started); do kill_owned "redis-node-$port"; done
}
