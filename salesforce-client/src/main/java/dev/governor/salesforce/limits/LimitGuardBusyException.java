package dev.governor.salesforce.limits;

/** No permit or rate token came within the limit guard's maximum wait. */
public class LimitGuardBusyException extends RuntimeException {

    public LimitGuardBusyException(String message) {
        super(message, null, false, false);
    }
}
