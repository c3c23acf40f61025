package dev.governor.ingress;

import static dev.governor.ingress.Callers.account;
import static dev.governor.ingress.Callers.newKey;
import static dev.governor.ingress.Callers.write;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.governor.testsupport.CallerTokens;
import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hostile and malformed input gets a problem+json 4xx with a stable type, never a 5xx, and the service stays up. */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,oidc"))
class BadInputTest {
    /** The management interface's root ({@code …/q/}): health, metrics and OpenAPI are not on the API port. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    private static final String PROBLEMS = "https://governor.dev/problems/";

    private static ValidatableResponse post(String path, String contentType, byte[] body) {
        return given().auth()
                .oauth2(CallerTokens.of("crm-sync"))
                .header("Idempotency-Key", newKey())
                .contentType(contentType)
                .body(body)
                .post(path)
                .then();
    }

    private static void problem(ValidatableResponse response, int status, String type) {
        response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + type))
                .body("status", equalTo(status))
                .body("title", startsWith(""));
    }

    @AfterEach
    void stillHealthy() {
        given().get(management + "health/live").then().statusCode(200);
    }

    @Test
    void malformedJsonInvalidUtf8AndTrailingGarbage() {
        problem(
                post("/v1/records/Account", "application/json", "{\"externalId\": ".getBytes(StandardCharsets.UTF_8)),
                400,
                "malformed-request");
        problem(
                post("/v1/records/Account", "application/json", new byte[] {
                    '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
                }),
                400,
                "malformed-request");
        problem(
                post(
                        "/v1/records/Account",
                        "application/json",
                        (account("X", "y") + " {}").getBytes(StandardCharsets.UTF_8)),
                400,
                "malformed-request");
        problem(post("/v1/records/Account", "application/json", new byte[0]), 400, "malformed-request");
        problem(
                post(
                        "/v1/records/Account",
                        "application/json",
                        "{\"externalIdField\":\"a\",\"externalIdField\":\"b\"}".getBytes(StandardCharsets.UTF_8)),
                400,
                "malformed-request");
    }

    @Test
    void deepNestingIsRefusedBeforeItCostsAnything() {
        String deep = "{\"fields\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        problem(
                post("/v1/records/Account", "application/json", deep.getBytes(StandardCharsets.UTF_8)),
                400,
                "malformed-request");
    }

    @Test
    void anOverlongUriOrOversizedHeadersGetProblemDetailsNotAnEmptyAnswer() {
        problem(given().get("/v1/records/" + "a".repeat(9000)).then(), 414, "uri-too-long");
        problem(
                given().header("X-Padding", "p".repeat(17_000))
                        .get("/v1/records/00000000-0000-0000-0000-000000000000")
                        .then(),
                431,
                "headers-too-large");
    }

    @Test
    void anEncodedBodyIs415AndARepeatedKeyIs400() {
        problem(
                given().auth()
                        .oauth2(CallerTokens.of("crm-sync"))
                        .header("Idempotency-Key", newKey())
                        .header("Content-Encoding", "br")
                        .contentType("application/json")
                        .body(account("X", "y"))
                        .post("/v1/records/Account")
                        .then(),
                415,
                "unsupported-media-type");
        problem(
                given().auth()
                        .oauth2(CallerTokens.of("crm-sync"))
                        .header("Idempotency-Key", newKey())
                        .header("Idempotency-Key", newKey())
                        .contentType("application/json")
                        .body(account("X", "y"))
                        .post("/v1/records/Account")
                        .then(),
                400,
                "invalid-request");
    }

    @Test
    void wrongContentTypeIs415() {
        problem(
                post("/v1/records/Account", "text/plain", account("X", "y").getBytes(StandardCharsets.UTF_8)),
                415,
                "unsupported-media-type");
        problem(
                post("/v1/records/Account", "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8)),
                415,
                "unsupported-media-type");
    }

    @Test
    void bodiesAndBatchesOverTheLimitAre413() {
        byte[] huge =
                ("{\"fields\": {\"Description\": \"" + "x".repeat(1_100_000) + "\"}}").getBytes(StandardCharsets.UTF_8);
        problem(post("/v1/records/Account", "application/json", huge), 413, "payload-too-large");
        StringBuilder batch = new StringBuilder("{\"records\": [");
        for (int i = 0; i < 501; i++) {
            batch.append(i == 0 ? "" : ",").append(account("L" + i, "n"));
        }
        problem(
                post(
                        "/v1/records/Account/batch",
                        "application/json",
                        batch.append("]}").toString().getBytes(StandardCharsets.UTF_8)),
                413,
                "payload-too-large");
    }

    @Test
    void objectAndFieldNamesThatAreNotApiNamesNeverGetThrough() {
        problem(
                post("/v1/records/..", "application/json", account("X", "y").getBytes(StandardCharsets.UTF_8)),
                404,
                "not-found");
        for (String sobject :
                new String[] {"Account;DROP", "Account WHERE 1=1", "Account__c__x__y", "1Account", "Acc_", "Ac-count"
                }) {
            problem(
                    post(
                            "/v1/records/" + sobject,
                            "application/json",
                            account("X", "y").getBytes(StandardCharsets.UTF_8)),
                    400,
                    "invalid-request");
        }
        String injected =
                "{\"externalIdField\": \"Id' OR '1'='1\", \"externalId\": \"x\", \"fields\": {\"Name FROM User--\": "
                        + "\"y\"}}";
        post("/v1/records/Account", "application/json", injected.getBytes(StandardCharsets.UTF_8))
                .statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-request"))
                .body("errors.pointer", org.hamcrest.Matchers.hasItems("/externalIdField", "/fields/Name FROM User--"));
    }

    @Test
    void valuesMustBeScalarsAndExternalIdsSane() {
        problem(
                post(
                        "/v1/records/Account",
                        "application/json",
                        "{\"externalIdField\": \"External_Id__c\", \"externalId\": \"a\\u0000b\", \"fields\": {}}"
                                .getBytes(StandardCharsets.UTF_8)),
                400,
                "invalid-request");
        problem(
                post(
                        "/v1/records/Account",
                        "application/json",
                        "{\"externalIdField\": \"External_Id__c\", \"externalId\": \"a\", \"fields\": [1, 2]}"
                                .getBytes(StandardCharsets.UTF_8)),
                400,
                "invalid-request");
        problem(
                post(
                        "/v1/records/Account",
                        "application/json",
                        "{\"externalIdField\": \"External_Id__c\", \"externalId\": \"a\", \"extra\": 1}"
                                .getBytes(StandardCharsets.UTF_8)),
                400,
                "invalid-request");
        problem(
                post("/v1/records/Account", "application/json", "[1, 2, 3]".getBytes(StandardCharsets.UTF_8)),
                400,
                "invalid-request");
    }

    @Test
    void badIdempotencyKeysAreRefused() {
        problem(
                write("crm-sync", "x".repeat(300))
                        .body(account("X", "y"))
                        .post("/v1/records/Account")
                        .then(),
                400,
                "invalid-request");
        problem(
                write("crm-sync", "has space")
                        .body(account("X", "y"))
                        .post("/v1/records/Account")
                        .then(),
                400,
                "invalid-request");
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        problem(given().get("/v2/anything").then(), 404, "not-found");
        problem(Callers.as("crm-sync").delete("/v1/records/Account").then(), 405, "method-not-allowed");
        problem(Callers.as("crm-sync").get("/v1/records/not-a-tracking-id").then(), 404, "not-found");
    }
}
