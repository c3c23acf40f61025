package dev.governor.service.problem;

import dev.governor.common.problem.Problem;
import dev.governor.common.problem.ProblemType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Builds {@code application/problem+json} responses. */
public final class ProblemResponses {

    private ProblemResponses() {}

    public static Response of(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder builder =
                Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(problem);
        headers.forEach(builder::header);
        return builder.build();
    }

    public static Response of(ProblemType type, String detail) {
        return of(Problem.of(type, detail), Map.of());
    }
}
