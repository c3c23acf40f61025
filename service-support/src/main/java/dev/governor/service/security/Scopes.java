package dev.governor.service.security;

/** The scopes (token roles) Governor's services check; the OIDC issuer grants them per caller. */
public final class Scopes {

    /** Submit record writes. */
    public static final String WRITE = "records:write";

    /** Read request status. */
    public static final String READ = "records:read";

    /** See every caller's requests; operate the services (pause, replay dead letters, …). */
    public static final String ADMIN = "governor:admin";

    private Scopes() {}
}
