package dev.governor.service.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.governor.common.problem.Problem;
import dev.governor.common.problem.ProblemType;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure leaves as {@code application/problem+json} with a stable type: never a stack trace, never
 * a bare status. Unexpected exceptions are logged once and answered 500 {@code internal-error}.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return ProblemResponses.of(e.problem(), e.headers());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(Exception e) {
        return ProblemResponses.of(
                Problem.of(ProblemType.UNAUTHENTICATED, "A valid bearer token is required"),
                Map.of("WWW-Authenticate", "Bearer"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ProblemResponses.of(ProblemType.FORBIDDEN, "The caller's token does not grant this operation");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return ProblemResponses.of(ProblemType.NOT_FOUND, "No such resource");
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return ProblemResponses.of(ProblemType.METHOD_NOT_ALLOWED, "The method is not allowed on this resource");
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return ProblemResponses.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json");
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return ProblemResponses.of(
                ProblemType.NOT_ACCEPTABLE, "Answers are application/json or application/problem+json");
    }

    /** A body Jackson could not read into what the endpoint takes: where, never the Java types behind it. */
    @ServerExceptionMapper({
        JsonParseException.class,
        MismatchedInputException.class,
        InvalidFormatException.class,
        JsonMappingException.class
    })
    public Response unreadableBody(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return ProblemResponses.of(
                    ProblemType.INVALID_REQUEST, "The body's " + field + " is not of the right type");
        }
        return ProblemResponses.of(ProblemType.MALFORMED_REQUEST, "The body is not well-formed JSON");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.errorf(e, "Request failed with HTTP %d", status);
            return ProblemResponses.of(ProblemType.INTERNAL_ERROR, "The request could not be processed");
        }
        return ProblemResponses.of(
                status == 413 ? ProblemType.PAYLOAD_TOO_LARGE : ProblemType.INVALID_REQUEST,
                "The request was not accepted (HTTP " + status + ")");
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        Log.error("Unexpected failure while handling a request", e);
        return ProblemResponses.of(ProblemType.INTERNAL_ERROR, "The request could not be processed");
    }
}
