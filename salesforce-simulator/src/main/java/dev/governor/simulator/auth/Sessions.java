package dev.governor.simulator.auth;

import dev.governor.simulator.SimulatorClock;
import dev.governor.simulator.SimulatorConfig;
import dev.governor.simulator.data.RecordIds;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issued sessions. A session is accepted until the org's session timeout has passed since it was
 * issued, or until it is revoked; then the API answers 401 INVALID_SESSION_ID, and the client must get
 * a new token (Salesforce sends no {@code expires_in}, so only a client that knows the timeout can
 * refresh ahead of it).
 */
@ApplicationScoped
public class Sessions {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byToken = new ConcurrentHashMap<>();
    private final SimulatorClock clock;
    private final SimulatorConfig config;

    public Sessions(SimulatorClock clock, SimulatorConfig config) {
        this.clock = clock;
        this.config = config;
    }

    public Session open(String clientId, String username) {
        byte[] secret = new byte[48];
        random.nextBytes(secret);
        String token = config.org().id().substring(0, 15) + "!"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        var now = clock.now();
        Session session = new Session(
                token,
                clientId,
                username,
                RecordIds.userId(username),
                now,
                now.plus(config.auth().sessionTimeout()));
        byToken.put(token, session);
        return session;
    }

    /** The live session of a bearer token, if it is known, unexpired and not revoked. */
    public Optional<Session> find(String token) {
        Session session = token == null ? null : byToken.get(token);
        if (session == null) {
            return Optional.empty();
        }
        if (!clock.now().isBefore(session.expiresAt())) {
            byToken.remove(token);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /** Revokes one token; says whether it was live. */
    public boolean revoke(String token) {
        return byToken.remove(token) != null;
    }

    /** Revokes every session (as an admin resetting the integration user's sessions would). */
    public int revokeAll() {
        int count = byToken.size();
        byToken.clear();
        return count;
    }
}
