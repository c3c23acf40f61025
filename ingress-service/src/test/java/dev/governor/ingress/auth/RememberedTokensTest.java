package dev.governor.ingress.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.governor.testsupport.CallerTokens;
import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A caller's bearer token is verified once and then recognised, against the real OIDC issuer; being
 * remembered never lets a token do more than it could, nor a token that fails verification in.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,oidc"))
class RememberedTokensTest {
    /** The management interface's root ({@code …/q/}): health, metrics and OpenAPI are not on the API port. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void aTokenIsVerifiedOnceAndRecognisedAfterwards() {
        String token = freshToken("crm-sync");
        double verifiedBefore = counter("verified");
        double rememberedBefore = counter("remembered");

        for (int i = 0; i < 3; i++) {
            writeWith(token).post("/v1/records/Account").then().statusCode(202);
        }

        assertThat(counter("verified") - verifiedBefore).isEqualTo(1);
        assertThat(counter("remembered") - rememberedBefore).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aTamperedCopyOfARememberedTokenIsRefused() {
        String token = freshToken("erp-feed");
        writeWith(token).post("/v1/records/Account").then().statusCode(202);

        String[] parts = token.split("\\.");
        String otherPayload = freshToken("operator").split("\\.")[1];
        char last = parts[2].charAt(parts[2].length() - 2);
        String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
        String swappedClaims = parts[0] + "." + otherPayload + "." + parts[2];

        writeWith(badSignature)
                .post("/v1/records/Account")
                .then()
                .statusCode(401)
                .body("type", equalTo("https://governor.dev/problems/unauthenticated"));
        writeWith(swappedClaims).post("/v1/records/Account").then().statusCode(401);
        writeWith(token).post("/v1/records/Account").then().statusCode(202);
    }

    @Test
    void aRememberedTokenKeepsItsOwnScopes() {
        String reader = freshToken("dashboard");
        given().auth()
                .oauth2(reader)
                .get("/v1/records/00000000-0000-0000-0000-000000000000")
                .then()
                .statusCode(404);

        writeWith(reader)
                .post("/v1/records/Account")
                .then()
                .statusCode(403)
                .body("type", equalTo("https://governor.dev/problems/forbidden"));
        writeWith(reader).post("/v1/records/Account").then().statusCode(403);
    }

    /** A new token from the issuer, not one another test has already used. */
    private static String freshToken(String caller) {
        String token;
        do {
            token = CallerTokens.fresh(caller);
        } while (token.equals(CallerTokens.of(caller)));
        return token;
    }

    private static RequestSpecification writeWith(String token) {
        String key = UUID.randomUUID().toString();
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .header("Idempotency-Key", key)
                .body("{\"externalIdField\": \"External_Id__c\", \"externalId\": \"T-" + key
                        + "\", \"fields\": {\"Name\": \"t\"}}");
    }

    private double counter(String result) {
        String metrics = given().get(management + "metrics").asString();
        Matcher m = Pattern.compile("governor_ingress_verified_tokens_total\\{result=\"" + result + "\"} ([0-9.E]+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
