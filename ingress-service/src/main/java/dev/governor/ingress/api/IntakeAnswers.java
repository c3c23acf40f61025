package dev.governor.ingress.api;

import dev.governor.common.GovernorHeaders;
import dev.governor.common.problem.Problem;
import dev.governor.ingress.intake.IngressMetrics;
import dev.governor.ingress.intake.IntakeResult;
import dev.governor.ingress.intake.Refusal;
import dev.governor.service.problem.ProblemException;
import dev.governor.service.problem.ProblemResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The HTTP answer to what the intake made of a write, for the records API and webhooks alike — and the
 * one place requests are counted: 202 with the tracking ids, the earlier answer again (marked replayed),
 * or the refusal as problem details.
 */
@ApplicationScoped
public class IntakeAnswers {

    private final IngressMetrics metrics;

    public IntakeAnswers(IngressMetrics metrics) {
        this.metrics = metrics;
    }

    public Response answer(IntakeResult result) {
        metrics.count(result);
        if (result instanceof IntakeResult.Accepted accepted) {
            return json(Response.status(Response.Status.ACCEPTED), accepted.location(), accepted.body())
                    .build();
        }
        if (result instanceof IntakeResult.Replayed replayed) {
            return json(Response.status(replayed.status()), replayed.location(), replayed.body())
                    .header(GovernorHeaders.IDEMPOTENT_REPLAYED, "true")
                    .build();
        }
        return refused(((IntakeResult.Refused) result).refusal());
    }

    private static Response.ResponseBuilder json(Response.ResponseBuilder response, String location, String body) {
        response.type(MediaType.APPLICATION_JSON).entity(body);
        return location == null ? response : response.header("Location", location);
    }

    private static Response refused(Refusal refusal) {
        if (refusal.retryAfterSeconds().isPresent()) {
            // The 503 every service answers: retryAfter in the problem, and the Retry-After header.
            ProblemException unavailable = ProblemException.unavailable(
                    refusal.detail(), refusal.retryAfterSeconds().getAsInt());
            return ProblemResponses.of(unavailable.problem(), unavailable.headers());
        }
        Problem problem = Problem.of(refusal.type(), refusal.detail());
        return ProblemResponses.of(
                refusal.errors().isEmpty() ? problem : problem.with("errors", refusal.errors()), Map.of());
    }
}
