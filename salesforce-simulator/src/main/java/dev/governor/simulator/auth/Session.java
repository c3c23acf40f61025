package dev.governor.simulator.auth;

import java.time.Instant;

/**
 * An API session the token endpoint issued.
 *
 * @param accessToken the bearer token
 * @param clientId    the connected app's consumer key, used to attribute API calls to a client
 * @param username    the user the session runs as
 * @param userId      that user's record id
 * @param issuedAt    when it was issued (simulator clock)
 * @param expiresAt   when it stops being accepted (issued + the org's session timeout)
 */
public record Session(
        String accessToken, String clientId, String username, String userId, Instant issuedAt, Instant expiresAt) {}
