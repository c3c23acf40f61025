package dev.governor.ingress.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The operator console the ingress serves at {@code /console/}: where the browser signs in, and where the
 * ingress finds the other services' admin APIs it passes the operator's requests on to. Each key can be set
 * from the environment (GOVERNOR_CONSOLE_…).
 */
@ConfigMapping(prefix = "governor.console")
public interface ConsoleConfig {

    /** The OIDC issuer the browser signs in with (authorization code with PKCE); the callers' issuer by default. */
    URI issuer();

    /** The console's client at the issuer: a public client (no secret) whose redirect URI is {@code …/console/}. */
    @WithDefault("governor-console")
    String clientId();

    /** The scopes the console asks for; its token needs {@code governor:admin} for every page. */
    @WithDefault("openid governor:admin")
    String scope();

    /**
     * Each service's API by the name the console uses ({@code delivery}, {@code bridge}, {@code archive}): the
     * ingress passes {@code /console/api/{name}/v1/admin/…} on to it with the operator's own token.
     */
    Map<String, URI> services();

    /** How long a passed-on admin request may take before the console is told the service is unavailable. */
    @WithDefault("30S")
    Duration timeout();
}
