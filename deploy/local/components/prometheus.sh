# shellcheck shell=bash
# Prometheus from Debian's package, opt-in ("up prometheus"; "up" alone leaves it out): scrapes every
# service's management port and the simulator every few seconds, each target labelled with the
# `service` the Prometheus operator would give it in a cluster, and loads Governor's alert rules from
# deploy/monitoring, so dashboards' and alerts' expressions can be tried against real metrics.

PROMETHEUS_SCRAPE_INTERVAL=${GOVERNOR_PROMETHEUS_SCRAPE_INTERVAL:-2s}

prometheus_address() { echo "http://127.0.0.1:$PROMETHEUS_PORT"; }

prometheus_install() {
  command -v prometheus >/dev/null && return 0
  log "prometheus: installing prometheus from Debian's packages"
  if [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus; } >&2
  else
    die "prometheus: prometheus is missing; install it with: sudo apt-get install prometheus"
  fi
}

prometheus_ready() { curl -fsS "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" >/dev/null 2>&1; }

prometheus_target() { # service-label port
  printf '      - targets: ["127.0.0.1:%s"]\n        labels: {service: %s}\n' "$2" "$1"
}

prometheus_start() {
  prometheus_install || die "prometheus: could not install it"
  require_free_port prometheus "$PROMETHEUS_PORT"
  local dir="$RUN_DIR/prometheus"
  mkdir -p "$dir/data"
  {
    cat <<CONF
global:
  scrape_interval: $PROMETHEUS_SCRAPE_INTERVAL
  evaluation_interval: $PROMETHEUS_SCRAPE_INTERVAL
rule_files:
  - $REPO_ROOT/deploy/monitoring/prometheus/governor.rules.yaml
scrape_configs:
  - job_name: governor
    metrics_path: /q/metrics
    static_configs:
CONF
    prometheus_target governor-ingress "$INGRESS_MANAGEMENT_PORT"
    prometheus_target governor-delivery "$DELIVERY_MANAGEMENT_PORT"
    prometheus_target governor-event-bridge "$EVENT_BRIDGE_MANAGEMENT_PORT"
    prometheus_target governor-archive "$ARCHIVE_MANAGEMENT_PORT"
    cat <<CONF
  - job_name: salesforce-simulator
    metrics_path: /q/metrics
    static_configs:
CONF
    prometheus_target salesforce-simulator "$SIMULATOR_PORT"
  } >"$dir/prometheus.yml"
  promtool check config "$dir/prometheus.yml" >/dev/null || die "prometheus: the generated configuration is invalid"
  spawn prometheus prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
    --storage.tsdb.retention.time=1d --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" --web.enable-lifecycle
  wait_until prometheus 30 prometheus_ready
}

prometheus_stop() { stop_owned prometheus 20; }
