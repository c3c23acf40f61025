package dev.governor.simulator.auth;

import dev.governor.simulator.SimulatorConfig;
import dev.governor.simulator.SimulatorConfig.ConnectedApp;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The configured connected apps, found by consumer key, with their JWT verification keys. */
@ApplicationScoped
public class ConnectedApps {

    private final Map<String, ConnectedApp> byConsumerKey = new ConcurrentHashMap<>();
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();

    public ConnectedApps(SimulatorConfig config) {
        config.auth().apps().values().forEach(app -> {
            byConsumerKey.put(app.consumerKey(), app);
            app.certificate().filter(c -> !c.isBlank()).ifPresent(c -> keys.put(app.consumerKey(), readPublicKey(c)));
        });
    }

    public Optional<ConnectedApp> byConsumerKey(String consumerKey) {
        return Optional.ofNullable(consumerKey).map(byConsumerKey::get);
    }

    /** The key that verifies the app's JWT assertions; empty where no certificate was uploaded. */
    public Optional<PublicKey> verificationKey(String consumerKey) {
        return Optional.ofNullable(keys.get(consumerKey));
    }

    /** Reads a PEM certificate or public key, given inline or as a file path. */
    static PublicKey readPublicKey(String pemOrPath) {
        String pem = pemOrPath.contains("-----BEGIN") ? pemOrPath : readFile(pemOrPath);
        try {
            byte[] der = Base64.getMimeDecoder()
                    .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            if (pem.contains("BEGIN CERTIFICATE")) {
                return CertificateFactory.getInstance("X.509")
                        .generateCertificate(new java.io.ByteArrayInputStream(der))
                        .getPublicKey();
            }
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a PEM certificate or RSA public key", e);
        }
    }

    private static String readFile(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read connected app certificate " + path, e);
        }
    }
}
