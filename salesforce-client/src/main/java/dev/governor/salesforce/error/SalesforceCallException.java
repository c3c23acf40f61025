package dev.governor.salesforce.error;

import java.util.List;

/**
 * A Salesforce API call that failed as a whole (as opposed to one record of a collection failing). Its
 * {@link #errorClass()} tells the caller what to do; {@link #status()} is the HTTP status (0 for a
 * transport failure such as a timeout or a refused connection).
 */
public class SalesforceCallException extends RuntimeException {

    private final ErrorClass errorClass;
    private final int status;
    private final transient List<SalesforceError> errors;

    public SalesforceCallException(ErrorClass errorClass, int status, List<SalesforceError> errors, Throwable cause) {
        super(describe(errorClass, status, errors), cause);
        this.errorClass = errorClass;
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    public int status() {
        return status;
    }

    public List<SalesforceError> errors() {
        return errors;
    }

    /** The exception for a failed call; transient failures get their own type so a circuit breaker can count them. */
    public static SalesforceCallException of(
            ErrorClass errorClass, int status, List<SalesforceError> errors, Throwable cause) {
        return errorClass == ErrorClass.TRANSIENT
                ? new TransientCallException(status, errors, cause)
                : new SalesforceCallException(errorClass, status, errors, cause);
    }

    public boolean is(ErrorClass expected) {
        return errorClass == expected;
    }

    private static String describe(ErrorClass errorClass, int status, List<SalesforceError> errors) {
        String first = errors.isEmpty()
                ? "no error body"
                : errors.get(0).code() + ": " + errors.get(0).message();
        return errorClass + " failure (HTTP " + status + "): " + first;
    }
}
