package dev.governor.salesforce.error;

import java.util.List;

/** A call that may succeed if tried again later: the failures a circuit breaker counts. */
public class TransientCallException extends SalesforceCallException {

    public TransientCallException(int status, List<SalesforceError> errors, Throwable cause) {
        super(ErrorClass.TRANSIENT, status, errors, cause);
    }
}
