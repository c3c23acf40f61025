package dev.governor.salesforce.governor;

/** No permit or rate token came within the governor's maximum wait. */
public class GovernorBusyException extends RuntimeException {

    public GovernorBusyException(String message) {
        super(message, null, false, false);
    }
}
