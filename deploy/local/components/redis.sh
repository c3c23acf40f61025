# shellcheck shell=bash
# Redis from Debian's package, append-only so that a restart keeps idempotency keys and governor state.

redis_address() { echo "127.0.0.1:$REDIS_PORT"; }

redis_install() {
  command -v redis-server >/dev/null && return 0
  log "redis: installing redis-server from Debian's packages"
  if [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server; } >&2
  else
    die "redis: redis-server is missing; install it with: sudo apt-get install redis-server"
  fi
}

redis_ready() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

redis_start() {
  redis_install || die "redis: could not install redis-server"
  require_free_port redis "$REDIS_PORT"
  local dir="$RUN_DIR/redis"
  mkdir -p "$dir/data"
  spawn redis redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$dir/data" \
    --save '' --appendonly yes --appendfsync everysec --daemonize no --protected-mode yes
  wait_until redis 20 redis_ready
}

redis_stop() { stop_owned redis 20; }
