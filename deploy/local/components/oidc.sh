# An OIDC issuer for callers of the ingress: mock-oauth2-server (a real OAuth 2.0/OIDC server that signs
# RS256 tokens and publishes its keys), with one issuer "governor" and the local callers below.

oidc_address() { echo "http://127.0.0.1:$OIDC_PORT/governor"; }

oidc_install() {
  local cp="$TOOLS_DIR/oidc.classpath"
  [ -s "$cp" ] && return 0
  log "oidc: resolving mock-oauth2-server from Maven Central"
  mkdir -p "$TOOLS_DIR"
  mvn_cmd -f "$STACK_DIR/tools/oidc.pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp.tmp" && mv "$cp.tmp" "$cp"
}

oidc_ready() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$(oidc_address)/.well-known/openid-configuration")" = 200 ]; }

# Local callers (client_credentials, any secret): what each may do is its token's scope claim.
# crm-sync-renamed is crm-sync (its sub) with another caller's name in the claims users may change
# (preferred_username, upn), and webhook-impostor's sub is a webhook source's caller name: the tests show
# that only sub says who a caller is, in a namespace of its own.
oidc_config() {
  cat <<'JSON'
{"interactiveLogin": false, "tokenCallbacks": [{"issuerId": "governor", "tokenExpiry": 3600, "requestMappings": [
  {"requestParam": "client_id", "match": "crm-sync", "claims": {"sub": "crm-sync", "aud": ["governor"], "scope": "records:write records:read"}},
  {"requestParam": "client_id", "match": "erp-feed", "claims": {"sub": "erp-feed", "aud": ["governor"], "scope": "records:write records:read"}},
  {"requestParam": "client_id", "match": "dashboard", "claims": {"sub": "dashboard", "aud": ["governor"], "scope": "records:read"}},
  {"requestParam": "client_id", "match": "operator", "claims": {"sub": "operator", "aud": ["governor"], "scope": "records:write records:read governor:admin"}},
  {"requestParam": "client_id", "match": "webhook-impostor", "claims": {"sub": "webhook:github", "aud": ["governor"], "scope": "records:read"}},
  {"requestParam": "client_id", "match": "crm-sync-renamed", "claims": {"sub": "crm-sync", "preferred_username": "erp-feed", "upn": "erp-feed", "aud": ["governor"], "scope": "records:write records:read"}},
  {"requestParam": "client_id", "match": "*", "claims": {"sub": "unknown-client", "aud": ["governor"], "scope": ""}}
]}]}
JSON
}

oidc_start() {
  oidc_install || die "oidc: could not resolve mock-oauth2-server"
  require_free_port oidc "$OIDC_PORT"
  mkdir -p "$RUN_DIR/oidc"
  spawn oidc env SERVER_HOSTNAME=127.0.0.1 SERVER_PORT="$OIDC_PORT" JSON_CONFIG="$(oidc_config)" \
    java -Xms32m -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dgovernor.stack.component=oidc \
    -cp "$(cat "$TOOLS_DIR/oidc.classpath")" no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt
  wait_until oidc 60 oidc_ready
}

oidc_stop() { stop_owned oidc 20; }
