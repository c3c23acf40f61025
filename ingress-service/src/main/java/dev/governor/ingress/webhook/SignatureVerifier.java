package dev.governor.ingress.webhook;

import dev.governor.ingress.config.IngressConfig.SignatureScheme;
import dev.governor.ingress.config.IngressConfig.WebhookSource;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks HMAC-SHA256 webhook signatures, in constant time, against every configured secret of a source
 * (two at once while a secret rotates):
 * <ul>
 * <li>GitHub style: {@code X-Hub-Signature-256: sha256=<hex of HMAC(body)>};</li>
 * <li>Stripe style: {@code Stripe-Signature: t=<unix seconds>,v1=<hex of HMAC(t + "." + body)>}, with the
 * timestamp within the source's tolerance so a captured delivery cannot be replayed later.</li>
 * </ul>
 */
public final class SignatureVerifier {

    private SignatureVerifier() {}

    /** The header a scheme signs with, unless the source names another. */
    public static String signatureHeader(WebhookSource source) {
        return source.signatureHeader()
                .orElse(source.scheme() == SignatureScheme.GITHUB ? "X-Hub-Signature-256" : "Stripe-Signature");
    }

    /** Empty when the signature holds; otherwise why it does not (for logs and metrics, never secrets). */
    public static Optional<String> problem(WebhookSource source, String header, byte[] body, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.of("missing signature header " + signatureHeader(source));
        }
        return source.scheme() == SignatureScheme.GITHUB
                ? github(source, header, body)
                : stripe(source, header, body, now);
    }

    private static Optional<String> github(WebhookSource source, String header, byte[] body) {
        if (!header.startsWith("sha256=")) {
            return Optional.of("signature is not sha256=<hex>");
        }
        byte[] given = hex(header.substring("sha256=".length()));
        for (String secret : source.secrets()) {
            if (given != null && MessageDigest.isEqual(given, hmac(secret, body))) {
                return Optional.empty();
            }
        }
        return Optional.of("signature does not match");
    }

    private static Optional<String> stripe(WebhookSource source, String header, byte[] body, Instant now) {
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            if (kv[0].equals("t")) {
                try {
                    timestamp = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    return Optional.of("timestamp is not a number");
                }
            } else if (kv[0].equals("v1") && hex(kv[1]) != null) {
                signatures.add(hex(kv[1]));
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return Optional.of("signature is not t=<seconds>,v1=<hex>");
        }
        Duration age = Duration.between(Instant.ofEpochSecond(timestamp), now).abs();
        if (age.compareTo(source.tolerance()) > 0) {
            return Optional.of(
                    "timestamp outside the tolerance of " + source.tolerance().toSeconds() + " s");
        }
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        for (String secret : source.secrets()) {
            byte[] expected = hmac(secret, signed);
            for (byte[] given : signatures) {
                if (MessageDigest.isEqual(given, expected)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of("signature does not match");
    }

    static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static byte[] hex(String text) {
        try {
            return text.length() == 64 ? HexFormat.of().parseHex(text.toLowerCase()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
