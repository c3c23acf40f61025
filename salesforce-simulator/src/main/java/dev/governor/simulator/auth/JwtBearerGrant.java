package dev.governor.simulator.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.simulator.SimulatorConfig;
import dev.governor.simulator.SimulatorConfig.ConnectedApp;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * The OAuth 2.0 JWT bearer grant as Salesforce checks it: an RS256-signed assertion whose {@code iss} is
 * a connected app's consumer key, {@code sub} a user pre-authorised for it, {@code aud} the login URL,
 * and {@code exp} not more than three minutes in the past.
 */
@ApplicationScoped
public class JwtBearerGrant {

    static final long CLOCK_SKEW_SECONDS = 180;

    private final ConnectedApps apps;
    private final SimulatorConfig config;
    private final ObjectMapper json;

    public JwtBearerGrant(ConnectedApps apps, SimulatorConfig config, ObjectMapper json) {
        this.apps = apps;
        this.config = config;
        this.json = json;
    }

    /** The verified app and user of an assertion. */
    public record Grant(ConnectedApp app, String username) {}

    public Grant verify(String assertion) throws OAuthError {
        if (assertion == null || assertion.isBlank()) {
            throw OAuthError.invalidGrant("invalid assertion");
        }
        String[] parts = assertion.split("\\.", -1);
        if (parts.length != 3) {
            throw OAuthError.invalidGrant("invalid assertion");
        }
        JsonNode header = decode(parts[0]);
        JsonNode claims = decode(parts[1]);
        if (!"RS256".equals(header.path("alg").asText())) {
            throw OAuthError.invalidGrant("invalid assertion");
        }
        ConnectedApp app = apps.byConsumerKey(claims.path("iss").asText(null))
                .orElseThrow(() -> new OAuthError("invalid_client_id", "client identifier invalid"));
        PublicKey key = apps.verificationKey(app.consumerKey())
                .orElseThrow(() -> new OAuthError("invalid_client", "invalid client credentials"));
        if (!signatureValid(parts, key)) {
            throw OAuthError.invalidGrant("invalid assertion");
        }
        if (!config.auth().audiences().contains(claims.path("aud").asText(""))) {
            throw OAuthError.invalidGrant("audience is invalid");
        }
        long exp = claims.path("exp").asLong(0);
        // The assertion's exp comes from the client's real clock; the org's clock may have been advanced
        // to skip through a daily window, which no client can follow. Judge it by the wall clock.
        if (exp == 0 || System.currentTimeMillis() / 1000 > exp + CLOCK_SKEW_SECONDS) {
            throw OAuthError.invalidGrant("expired authorization code");
        }
        String username = claims.path("sub").asText("");
        if (!app.users().contains(username)) {
            throw OAuthError.invalidGrant("user hasn't approved this consumer");
        }
        return new Grant(app, username);
    }

    private JsonNode decode(String part) throws OAuthError {
        try {
            return json.readTree(Base64.getUrlDecoder().decode(part));
        } catch (IOException | IllegalArgumentException e) {
            throw OAuthError.invalidGrant("invalid assertion");
        }
    }

    private static boolean signatureValid(String[] parts, PublicKey key) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
