# shellcheck shell=bash
# Mosquitto (an MQTT broker) from Debian's packages, the source of the bridge's MQTT routes. Sessions and
# their unacknowledged messages are kept on disk, so a broker restart loses nothing the bridge has not
# acknowledged; enough messages may be in flight to one client for the bridge to fill its publishes.

mqtt_address() { echo "127.0.0.1:$MQTT_PORT"; }

mqtt_install() {
  if { command -v mosquitto >/dev/null || [ -x /usr/sbin/mosquitto ]; } && command -v mosquitto_pub >/dev/null; then
    return 0
  fi
  log "mqtt: installing mosquitto from Debian's packages"
  if [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mosquitto mosquitto-clients; } >&2
  else
    die "mqtt: mosquitto is missing; install it with: sudo apt-get install mosquitto mosquitto-clients"
  fi
}

mqtt_binary() { command -v mosquitto 2>/dev/null || echo /usr/sbin/mosquitto; }

mqtt_ready() { port_open "$MQTT_PORT"; }

mqtt_start() {
  mqtt_install || die "mqtt: could not install mosquitto"
  require_free_port mqtt "$MQTT_PORT"
  local dir="$RUN_DIR/mqtt"
  mkdir -p "$dir/data"
  cat >"$dir/mosquitto.conf" <<CONF
listener $MQTT_PORT 127.0.0.1
# Run as whoever started the stack: as root, mosquitto would switch to its own user, which cannot write here.
user $(id -un)
allow_anonymous true
persistence true
persistence_location $dir/data/
autosave_interval 1
max_inflight_messages 1000
max_queued_messages 1000000
max_queued_bytes 0
log_dest stdout
log_type error
log_type warning
log_type notice
CONF
  spawn mqtt "$(mqtt_binary)" -c "$dir/mosquitto.conf"
  wait_until mqtt 20 mqtt_ready
}

mqtt_stop() { stop_owned mqtt 20; }
