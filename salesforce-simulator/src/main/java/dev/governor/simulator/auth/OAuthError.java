package dev.governor.simulator.auth;

/** A token endpoint failure, as Salesforce words it: {@code {"error": ..., "error_description": ...}}, HTTP 400. */
public final class OAuthError extends Exception {

    private final String error;
    private final String description;

    public OAuthError(String error, String description) {
        super(error + ": " + description, null, false, false);
        this.error = error;
        this.description = description;
    }

    public String error() {
        return error;
    }

    public String description() {
        return description;
    }

    static OAuthError invalidGrant(String description) {
        return new OAuthError("invalid_grant", description);
    }
}
