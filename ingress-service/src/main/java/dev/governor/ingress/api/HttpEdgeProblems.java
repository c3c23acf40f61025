package dev.governor.ingress.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.common.problem.Problem;
import dev.governor.common.problem.ProblemType;
import dev.governor.ingress.config.IngressConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Problem details for what is refused before the REST layer sees it: a declared body larger than
 * allowed (413, without reading it) and paths no resource serves (404).
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
        router.route("/v1/*").order(-10).handler(this::rejectOversizedBody);
        router.route().last().handler(rc -> respond(rc, Problem.of(ProblemType.NOT_FOUND, "No such resource")));
    }

    private void rejectOversizedBody(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > config.records().maxBodyBytes()) {
                    respond(rc, Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "The body may be at most "
                            + config.records().maxBodyBytes() + " bytes"));
                    return;
                }
            } catch (NumberFormatException e) {
                respond(rc, Problem.of(ProblemType.MALFORMED_REQUEST, "Content-Length is not a number"));
                return;
            }
        }
        rc.next();
    }

    private void respond(RoutingContext rc, Problem problem) {
        try {
            rc.response().setStatusCode(problem.getStatus()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close").end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }
}
