package dev.governor.ingress.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.common.GovernorHeaders;
import dev.governor.common.json.Json;
import dev.governor.common.problem.Problem;
import dev.governor.common.problem.ProblemType;
import dev.governor.ingress.config.IngressConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * Problem details for what is refused before the REST layer sees it: a URI or headers longer than the
 * ingress takes (414, 431 — the HTTP decoder's own limits are set higher, so that these are answered here
 * with a body rather than by the decoder without one), a declared body larger than
 * allowed (413, without reading it), a Content-Length that is not a length, an encoded body (415: the
 * ingress reads bodies as sent, and signatures are over those bytes), a repeated Idempotency-Key (which of
 * them would the caller mean?), and paths no resource serves (404).
 */
@ApplicationScoped
public class HttpEdgeProblems {

    private final IngressConfig config;
    private final ObjectMapper json;

    public HttpEdgeProblems(IngressConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(-10).handler(this::rejectAtTheEdge);
        router.route().last().handler(rc -> respond(rc, Problem.of(ProblemType.NOT_FOUND, "No such resource")));
    }

    /** The longest request URI the ingress takes; the HTTP decoder's own limit is set above it. */
    static final int MAX_URI_LENGTH = 8192;
    /** The most header bytes (names and values) a request may carry; the decoder's own limit is set above it. */
    static final int MAX_HEADER_BYTES = 16384;

    private void rejectAtTheEdge(RoutingContext rc) {
        if (rc.request().uri().length() > MAX_URI_LENGTH) {
            respond(
                    rc,
                    Problem.of(
                            ProblemType.URI_TOO_LONG,
                            "The request URI may be at most " + MAX_URI_LENGTH + " characters"));
            return;
        }
        int headerBytes = 0;
        for (Map.Entry<String, String> header : rc.request().headers()) {
            headerBytes += header.getKey().length() + header.getValue().length();
        }
        if (headerBytes > MAX_HEADER_BYTES) {
            respond(
                    rc,
                    Problem.of(
                            ProblemType.HEADERS_TOO_LARGE,
                            "The request headers may add up to at most " + MAX_HEADER_BYTES + " bytes"));
            return;
        }
        String encoding = rc.request().getHeader("Content-Encoding");
        if (encoding != null && !encoding.trim().equalsIgnoreCase("identity")) {
            respond(rc, Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body without a Content-Encoding"));
            return;
        }
        if (rc.request().headers().getAll(GovernorHeaders.IDEMPOTENCY_KEY).size() > 1) {
            respond(rc, Problem.of(ProblemType.INVALID_REQUEST, "Send exactly one Idempotency-Key header"));
            return;
        }
        String length = rc.request().getHeader("Content-Length");
        if (length != null) {
            try {
                long declared = Long.parseLong(length.trim());
                if (declared < 0) {
                    throw new NumberFormatException("negative");
                }
                if (declared > config.records().maxBodyBytes()) {
                    respond(
                            rc,
                            Problem.of(
                                    ProblemType.PAYLOAD_TOO_LARGE,
                                    "The body may be at most "
                                            + config.records().maxBodyBytes() + " bytes"));
                    return;
                }
            } catch (NumberFormatException e) {
                respond(rc, Problem.of(ProblemType.MALFORMED_REQUEST, "Content-Length is not a length in bytes"));
                return;
            }
        }
        rc.next();
    }

    private void respond(RoutingContext rc, Problem problem) {
        rc.response()
                .setStatusCode(problem.getStatus())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(Json.write(json, problem));
    }
}
