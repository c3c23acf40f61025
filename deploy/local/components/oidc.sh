# shellcheck shell=bash
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

# The local callers and what each may do (its token's scope claim). crm-sync-renamed is crm-sync (its
# sub) with another caller's name in the claims users may change (preferred_username, upn), and
# webhook-impostor's sub is a webhook source's caller name: the tests show that only sub says who a
# caller is, in a namespace of its own.
OIDC_CLIENTS=(crm-sync erp-feed dashboard operator webhook-impostor crm-sync-renamed)
oidc_claims() {
  case $1 in
    crm-sync | erp-feed) echo "{\"sub\": \"$1\", \"aud\": [\"governor\"], \"scope\": \"records:write records:read\"}" ;;
    dashboard) echo '{"sub": "dashboard", "aud": ["governor"], "scope": "records:read"}' ;;
    operator) echo '{"sub": "operator", "aud": ["governor"], "scope": "records:write records:read governor:admin"}' ;;
    webhook-impostor) echo '{"sub": "webhook:github", "aud": ["governor"], "scope": "records:read"}' ;;
    crm-sync-renamed) echo '{"sub": "crm-sync", "preferred_username": "erp-feed", "upn": "erp-feed", "aud": ["governor"], "scope": "records:write records:read"}' ;;
  esac
}

# What only this stack knows, made once per run folder (mode 600): the issuer's RSA signing key (the key
# bundled in the public mock-oauth2-server jar would let anyone mint tokens offline) and one random
# client secret per caller, as "client=secret" lines in $CREDENTIALS_DIR/oidc-clients.
oidc_credentials() {
  mkdir -p "$CREDENTIALS_DIR" && chmod 700 "$CREDENTIALS_DIR"
  local key="$CREDENTIALS_DIR/oidc-signing-key.jwk" clients="$CREDENTIALS_DIR/oidc-clients" c
  if [ ! -s "$key" ]; then
    (umask 077 && java "$STACK_DIR/tools/SigningKey.java" >"$key.tmp" && mv "$key.tmp" "$key") \
      || die "oidc: could not generate the signing key"
  fi
  if [ ! -s "$clients" ]; then
    (umask 077 && for c in "${OIDC_CLIENTS[@]}"; do echo "$c=$(openssl rand -hex 24)"; done >"$clients.tmp" && mv "$clients.tmp" "$clients") \
      || die "oidc: could not generate the client secrets (is openssl installed?)"
  fi
}

# Operators signing in to the console (the authorization code flow with PKCE, a public client with no
# secret). The local issuer has no users: whoever completes its sign-in in a browser is console-operator,
# with governor:admin; a client-credentials request without a caller's secret still gets no scope. In a
# cluster the organisation's IdP signs operators in and decides who gets governor:admin.
OIDC_CONSOLE_CLAIMS='{"sub": "console-operator", "aud": ["governor"], "scope": "openid governor:admin"}'

# The issuer's configuration: its signing key, a token mapping per caller that matches the caller's secret
# (client_secret_post), and the console's sign-in; any other request gets a token with no scope, which no
# endpoint accepts.
oidc_config() {
  local mappings="" c secret
  for c in "${OIDC_CLIENTS[@]}"; do
    secret=$(sed -n "s/^$c=//p" "$CREDENTIALS_DIR/oidc-clients")
    mappings+="{\"requestParam\": \"client_secret\", \"match\": \"$secret\", \"claims\": $(oidc_claims "$c")},"
  done
  printf '{"interactiveLogin": false, "tokenProvider": {"keyProvider": {"algorithm": "RS256", "initialKeys": %s}},
 "tokenCallbacks": [{"issuerId": "governor", "tokenExpiry": 3600, "requestMappings": [%s
  {"requestParam": "grant_type", "match": "authorization_code", "claims": %s},
  {"requestParam": "client_id", "match": "*", "claims": {"sub": "unknown-client", "aud": ["governor"], "scope": ""}}]}]}\n' \
    "\"$(sed 's/"/\\"/g' "$CREDENTIALS_DIR/oidc-signing-key.jwk")\"" "$mappings" "$OIDC_CONSOLE_CLAIMS"
}

oidc_start() {
  oidc_install || die "oidc: could not resolve mock-oauth2-server"
  require_free_port oidc "$OIDC_PORT"
  oidc_credentials
  mkdir -p "$RUN_DIR/oidc"
  (umask 077 && oidc_config >"$RUN_DIR/oidc/config.json")
  spawn oidc env SERVER_HOSTNAME=127.0.0.1 SERVER_PORT="$OIDC_PORT" JSON_CONFIG_PATH="$RUN_DIR/oidc/config.json" \
    java -Xms32m -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dgovernor.stack.component=oidc \
    -cp "$(cat "$TOOLS_DIR/oidc.classpath")" no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt
  wait_until oidc 60 oidc_ready
}

oidc_stop() { stop_owned oidc 20; }
