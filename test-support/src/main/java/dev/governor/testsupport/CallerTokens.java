package dev.governor.testsupport;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens for the local callers the stack's OIDC issuer knows ({@code crm-sync}, {@code erp-feed}:
 * write and read; {@code dashboard}: read; {@code operator}: also admin), obtained with the
 * client-credentials grant like a real caller, with the secret the stack made for the caller (its
 * {@code credentials/oidc-clients}). A caller the stack has no secret for gets a token with no scope.
 */
public final class CallerTokens {

    /** What a caller without a secret of the stack's sends: the issuer answers with a token no endpoint accepts. */
    public static final String NO_SECRET = "not-a-secret-of-this-stack";

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private CallerTokens() {}

    /** A token for the caller from the shared stack's issuer (cached for the test run). */
    public static String of(String clientId) {
        return TOKENS.computeIfAbsent(clientId + "@shared", k -> fresh(clientId));
    }

    /** A token for the caller from a private stack's issuer (cached for the test run). */
    public static String of(String clientId, PrivateStack stack) {
        return TOKENS.computeIfAbsent(clientId + "@" + stack.port(Infrastructure.OIDC), k -> fresh(clientId, stack));
    }

    /** A token asked anew of the shared stack's issuer, bypassing the cache. */
    public static String fresh(String clientId) {
        return fresh(
                clientId, Infrastructure.OIDC.sharedPort(), secretOf(clientId, StackScript.sharedCredentialsDir()));
    }

    public static String fresh(String clientId, PrivateStack stack) {
        return fresh(clientId, stack.port(Infrastructure.OIDC), secretOf(clientId, stack.credentialsDir()));
    }

    /** A new token for the caller, as a real caller gets one: the client-credentials grant with its secret. */
    public static String fresh(String clientId, int issuerPort, String secret) {
        return given().baseUri("http://127.0.0.1:" + issuerPort)
                .contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .post("/governor/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    /** The caller's secret from a stack's credentials folder ({@code client=secret} lines), or {@link #NO_SECRET}. */
    public static String secretOf(String clientId, Path credentialsDir) {
        try {
            return Files.readAllLines(credentialsDir.resolve("oidc-clients"), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith(clientId + "="))
                    .map(line -> line.substring(clientId.length() + 1))
                    .findFirst()
                    .orElse(NO_SECRET);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "The stack's OIDC client secrets are not readable (is its oidc component up?)", e);
        }
    }
}
