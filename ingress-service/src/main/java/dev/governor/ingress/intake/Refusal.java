package dev.governor.ingress.intake;

import dev.governor.common.problem.ProblemType;
import java.util.List;
import java.util.OptionalInt;

/**
 * Why the intake did not accept a request: the problem type and detail the caller is told, the field
 * errors that locate what to fix, how long to wait before a retry (503s), and the outcome it is counted
 * as. Thrown where it is found, so the steps read straight; {@link IntakeResult.Refused} carries it out.
 *
 * @param outcome   the request outcome it is counted as ({@code rejected}, {@code conflict}, …)
 * @param rejection for a {@code rejected} request (bad input), the reason it is counted under
 */
public final class Refusal extends RuntimeException {

    private final ProblemType type;
    private final String outcome;
    private final String rejection;
    private final List<FieldError> errors;
    private final OptionalInt retryAfterSeconds;

    private Refusal(
            ProblemType type,
            String detail,
            String outcome,
            String rejection,
            List<FieldError> errors,
            OptionalInt retryAfterSeconds) {
        super(detail, null, false, false);
        this.type = type;
        this.outcome = outcome;
        this.rejection = rejection;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Bad input (a 4xx the caller can fix), counted as rejected for {@code reason}. */
    public static Refusal rejected(String reason, ProblemType type, String detail) {
        return new Refusal(type, detail, "rejected", reason, List.of(), OptionalInt.empty());
    }

    /** 400 invalid-request with every field error listed, counted as rejected for {@code reason}. */
    public static Refusal invalid(String reason, String detail, List<FieldError> errors) {
        return new Refusal(ProblemType.INVALID_REQUEST, detail, "rejected", reason, errors, OptionalInt.empty());
    }

    /** A well-formed request the key's state refuses (409, 422), counted as {@code outcome}. */
    public static Refusal conflict(String outcome, ProblemType type, String detail) {
        return new Refusal(type, detail, outcome, null, List.of(), OptionalInt.empty());
    }

    /** 503 with Retry-After: nothing was accepted and the same request may be sent again. */
    public static Refusal unavailable(String outcome, String detail, int retryAfterSeconds) {
        return new Refusal(
                ProblemType.SERVICE_UNAVAILABLE, detail, outcome, null, List.of(), OptionalInt.of(retryAfterSeconds));
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }

    public String outcome() {
        return outcome;
    }

    /** The rejection reason of bad input; null for other refusals. */
    public String rejection() {
        return rejection;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public OptionalInt retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
