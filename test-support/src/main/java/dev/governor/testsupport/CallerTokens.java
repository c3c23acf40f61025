package dev.governor.testsupport;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens for the local callers the stack's OIDC issuer knows ({@code crm-sync}, {@code erp-feed}:
 * write and read; {@code dashboard}: read; {@code operator}: also admin; anything else: no scope),
 * obtained with the client-credentials grant like a real caller.
 */
public final class CallerTokens {

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private CallerTokens() {
    }

    /** A token for the caller from the shared stack's issuer (cached for the test run). */
    public static String of(String clientId) {
        return of(clientId, Infrastructure.OIDC.sharedPort());
    }

    public static String of(String clientId, int issuerPort) {
        return TOKENS.computeIfAbsent(clientId + "@" + issuerPort, k -> fresh(clientId, issuerPort));
    }

    /** A token asked anew of the shared stack's issuer, bypassing the cache. */
    public static String fresh(String clientId) {
        return fresh(clientId, Infrastructure.OIDC.sharedPort());
    }

    /** A new token for the caller, as a real caller gets one: the client-credentials grant. */
    public static String fresh(String clientId, int issuerPort) {
        return given()
                .baseUri("http://127.0.0.1:" + issuerPort)
                .contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", "local")
                .post("/governor/token")
                .then().statusCode(200).extract().path("access_token");
    }
}
