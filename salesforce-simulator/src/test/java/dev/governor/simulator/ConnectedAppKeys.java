package dev.governor.simulator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

/**
 * Gives the simulated org's connected app a fresh RSA key pair, as an admin uploads a certificate: the
 * public key goes to the simulator's configuration, the private key stays with the tests that sign
 * JWT bearer assertions.
 */
public class ConnectedAppKeys implements QuarkusTestResourceLifecycleManager {

    public static final String CONSUMER_KEY = "governor-local-consumer-key";
    public static final String CONSUMER_SECRET = "governor-local-consumer-secret";
    public static final String USERNAME = "integration@governor.example";

    private static final KeyPair APP_KEYS = generate();
    /** A key pair the org does not know: assertions signed with it must fail. */
    public static final KeyPair FOREIGN_KEYS = generate();

    @Override
    public Map<String, String> start() {
        try {
            Path pem = Files.createTempFile("governor-app", ".pem");
            Files.writeString(
                    pem,
                    "-----BEGIN PUBLIC KEY-----\n"
                            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                    .encodeToString(APP_KEYS.getPublic().getEncoded())
                            + "\n-----END PUBLIC KEY-----\n");
            return Map.of("simulator.auth.apps.governor.certificate", pem.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {}

    public static PrivateKey appKey() {
        return APP_KEYS.getPrivate();
    }

    /** An RS256 JWT with the given claims (JSON object text), signed with the key. */
    public static String jwt(String claimsJson, PrivateKey key) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(signer.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims for the app's integration user, expiring {@code expSecondsFromNow} from now. */
    public static String claims(String iss, String sub, String aud, long expSecondsFromNow) {
        long exp = System.currentTimeMillis() / 1000 + expSecondsFromNow;
        return "{\"iss\":\"" + iss + "\",\"sub\":\"" + sub + "\",\"aud\":\"" + aud + "\",\"exp\":" + exp + "}";
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
