package dev.governor.ingress.console;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;

/**
 * The console's pages run only the ingress's own scripts, talk only to the ingress and the issuer (whose
 * token endpoint may sit anywhere on its origin), cannot be framed, are never cached, and never send the
 * sign-in code in their address on as a referrer.
 */
@ApplicationScoped
public class ConsolePageHeaders {

    private final String policy;

    public ConsolePageHeaders(ConsoleConfig config) {
        this.policy =
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' "
                        + origin(config.issuer()) + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    void onRouter(@Observes Router router) {
        router.route("/console/*").order(-10).handler(context -> {
            context.response()
                    .putHeader("Content-Security-Policy", policy)
                    .putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Cache-Control", "no-store");
            context.next();
        });
    }

    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
