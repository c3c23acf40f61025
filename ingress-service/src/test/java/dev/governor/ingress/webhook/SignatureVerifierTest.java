package dev.governor.ingress.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.ingress.config.IngressConfig;
import dev.governor.ingress.config.IngressConfig.WebhookSource;
import dev.governor.ingress.intake.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HMAC signatures of both schemes, with a rotating secret and a replay tolerance, without a server. */
class SignatureVerifierTest {

    private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static final IngressConfig CONFIG = TestConfigs.ingress(Map.of(
            "governor.ingress.webhooks.github.scheme", "github",
            "governor.ingress.webhooks.github.secrets", "new-secret,old-secret",
            "governor.ingress.webhooks.github.sobject", "Case",
            "governor.ingress.webhooks.github.external-id-field", "Webhook_Delivery_Id__c"));
    private static final WebhookSource GITHUB = CONFIG.webhooks().get("github");
    private static final WebhookSource STRIPE = CONFIG.webhooks().get("payments");

    private static String hex(String secret, byte[] data) {
        return HexFormat.of().formatHex(SignatureVerifier.hmac(secret, data));
    }

    private static String stripeHeader(long seconds, String secret) {
        byte[] signed = (seconds + "." + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        return "t=" + seconds + ",v1=" + hex(secret, signed);
    }

    @Test
    void eachSchemeHasItsHeader() {
        assertThat(SignatureVerifier.signatureHeader(GITHUB)).isEqualTo("X-Hub-Signature-256");
        assertThat(SignatureVerifier.signatureHeader(STRIPE)).isEqualTo("Stripe-Signature");
    }

    @Test
    void aGithubSignatureHoldsWithEitherSecretWhileItRotates() {
        assertThat(SignatureVerifier.problem(GITHUB, "sha256=" + hex("new-secret", BODY), BODY, NOW))
                .isEmpty();
        assertThat(SignatureVerifier.problem(GITHUB, "sha256=" + hex("old-secret", BODY), BODY, NOW))
                .isEmpty();
    }

    @Test
    void aGithubSignatureThatIsWrongMissingOrMalformedIsRefused() {
        assertThat(SignatureVerifier.problem(GITHUB, "sha256=" + hex("guess", BODY), BODY, NOW))
                .contains("signature does not match");
        assertThat(SignatureVerifier.problem(GITHUB, null, BODY, NOW))
                .hasValueSatisfying(p -> assertThat(p).startsWith("missing signature header"));
        assertThat(SignatureVerifier.problem(GITHUB, "sha1=" + hex("new-secret", BODY), BODY, NOW))
                .contains("signature is not sha256=<hex>");
        assertThat(SignatureVerifier.problem(GITHUB, "sha256=zz", BODY, NOW)).contains("signature does not match");
        byte[] tampered = "{\"id\":\"evt_2\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(SignatureVerifier.problem(GITHUB, "sha256=" + hex("new-secret", BODY), tampered, NOW))
                .contains("signature does not match");
    }

    @Test
    void aStripeSignatureHoldsWithinTheTolerance() {
        long fourMinutesAgo = NOW.getEpochSecond() - 240;
        assertThat(SignatureVerifier.problem(STRIPE, stripeHeader(fourMinutesAgo, "whsec_test"), BODY, NOW))
                .isEmpty();
        String twoSignatures = stripeHeader(fourMinutesAgo, "whsec_other") + ",v1="
                + stripeHeader(fourMinutesAgo, "whsec_test").split("v1=")[1];
        assertThat(SignatureVerifier.problem(STRIPE, twoSignatures, BODY, NOW)).isEmpty();
    }

    @Test
    void aStaleOrMalformedStripeSignatureIsRefused() {
        long sixMinutesAgo = NOW.getEpochSecond() - 360;
        assertThat(SignatureVerifier.problem(STRIPE, stripeHeader(sixMinutesAgo, "whsec_test"), BODY, NOW))
                .hasValueSatisfying(p -> assertThat(p).startsWith("timestamp outside the tolerance"));
        assertThat(SignatureVerifier.problem(STRIPE, "t=soon,v1=abc", BODY, NOW))
                .contains("timestamp is not a number");
        assertThat(SignatureVerifier.problem(STRIPE, "v1=" + "a".repeat(64), BODY, NOW))
                .contains("signature is not t=<seconds>,v1=<hex>");
        assertThat(SignatureVerifier.problem(STRIPE, stripeHeader(NOW.getEpochSecond(), "whsec_guess"), BODY, NOW))
                .contains("signature does not match");
    }
}
