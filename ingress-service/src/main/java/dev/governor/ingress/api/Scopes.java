package dev.governor.ingress.api;

/** The scopes (token roles) the ingress checks; the OIDC issuer grants them per caller. */
public final class Scopes {

    /** Submit record writes. */
    public static final String WRITE = "records:write";

    /** Read request status. */
    public static final String READ = "records:read";

    /** See every caller's requests; operate the service. */
    public static final String ADMIN = "governor:admin";

    private Scopes() {}
}
