# shellcheck shell=bash
# S3Proxy: an S3-compatible server with real SigV4 authentication, storing objects as plain files.

S3PROXY_VERSION=4.1.0

s3_address() { echo "http://127.0.0.1:$S3_PORT"; }

s3_jar() { echo "$TOOLS_DIR/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"; }

s3_install() {
  [ -s "$(s3_jar)" ] && return 0
  log "s3: fetching S3Proxy $S3PROXY_VERSION from Maven Central"
  mkdir -p "$TOOLS_DIR"
  mvn_cmd -f "$STACK_DIR/tools/kafka.pom.xml" dependency:copy \
    -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" -DoutputDirectory="$TOOLS_DIR"
}

s3_ready() {
  # An unauthenticated request must be refused with 403: the server is up and checks signatures.
  port_open "$S3_PORT" && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$S3_PORT/")" = 403 ]
}

s3_start() {
  s3_install || die "s3: could not fetch S3Proxy"
  require_free_port s3 "$S3_PORT"
  local dir="$RUN_DIR/s3"
  mkdir -p "$dir/data"
  # The credentials file is readable only by us; S3Proxy reads them from it, not from the command line.
  umask 077
  cat >"$dir/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS_KEY
s3proxy.credential=$S3_SECRET_KEY
s3proxy.ignore-unknown-headers=true
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$dir/data
PROPS
  umask 022
  spawn s3 java -Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dgovernor.stack.component=s3 \
    -jar "$(s3_jar)" --properties "$dir/s3proxy.properties"
  wait_until s3 30 s3_ready
}

s3_stop() { stop_owned s3 20; }
