package dev.governor.ingress.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.governor.testsupport.CallerTokens;
import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's door to the other services, against the shared stack's issuer and a real HTTP upstream:
 * its page and sign-in settings are public and carry no secret; an operator's request goes on with the
 * operator's own token and nothing else of the browser's; a token without governor:admin, or none, gets
 * nothing through; only /v1/admin/ paths of configured services pass; a service that does not answer is a
 * retryable 503.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,oidc"))
@WithTestResource(AdminUpstream.class)
class ConsoleApiTest {

    @BeforeEach
    void forget() {
        AdminUpstream.LAST.set(null);
    }

    @Test
    void thePageAndItsSignInSettingsArePublicAndHoldNoSecret() {
        given().get("/console/settings")
                .then()
                .statusCode(200)
                .body("clientId", equalTo("governor-console"))
                .body("scope", containsString("governor:admin"))
                .body("issuer", containsString("/governor"));
        Response page = given().get("/console/");
        page.then().statusCode(200).body(containsString("/console/app.js"));
        assertThat(page.header("Content-Security-Policy"))
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'")
                .containsPattern("connect-src 'self' http://127\\.0\\.0\\.1:\\d+;");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        given().get("/_static/lit-html/lit-html.js").then().statusCode(200);
        given().get("/console/app.js").then().statusCode(200).body(containsString("completeSignIn"));
    }

    @Test
    void anOperatorsRequestGoesOnWithItsOwnTokenAndNothingElse() {
        String token = CallerTokens.of("operator");
        Response answer = given().auth()
                .oauth2(token)
                .header("Cookie", "session=from-another-site")
                .contentType("application/json")
                .body("{\"ids\": [\"0-1\"]}")
                .post("/console/api/delivery/v1/admin/dead-letters/replay?limit=5&sobject=Account");
        answer.then().statusCode(201).contentType("application/json").body("echo", equalTo(true));
        assertThat(answer.header("Location")).isEqualTo("/v1/admin/things/42");
        assertThat(answer.header("Set-Cookie"))
                .as("no cookie comes back from a service")
                .isNull();
        AdminUpstream.Received received = AdminUpstream.LAST.get();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/v1/admin/dead-letters/replay");
        assertThat(received.query()).isEqualTo("limit=5&sobject=Account");
        assertThat(received.authorization()).isEqualTo("Bearer " + token);
        assertThat(received.cookie()).isNull();
        assertThat(received.body()).isEqualTo("{\"ids\": [\"0-1\"]}");

        given().auth()
                .oauth2(token)
                .get("/console/api/delivery/v1/admin/delivery")
                .then()
                .statusCode(201);
        assertThat(AdminUpstream.LAST.get().method()).isEqualTo("GET");
    }

    @Test
    void theIntakeCountGrowsWithEachAcceptedWrite() {
        String operator = CallerTokens.of("operator");
        long before = given().auth()
                .oauth2(operator)
                .get("/v1/admin/intake")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("acceptedWrites");
        given().auth()
                .oauth2(CallerTokens.of("crm-sync"))
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .contentType("application/json")
                .body("{\"externalIdField\": \"External_Id__c\", \"externalId\": \"intake-"
                        + java.util.UUID.randomUUID() + "\", \"fields\": {\"Name\": \"Counted\"}}")
                .post("/v1/records/Account")
                .then()
                .statusCode(202);
        long after = given().auth()
                .oauth2(operator)
                .get("/v1/admin/intake")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("acceptedWrites");
        assertThat(after).isGreaterThanOrEqualTo(before + 1);
        given().auth()
                .oauth2(CallerTokens.of("crm-sync"))
                .get("/v1/admin/intake")
                .then()
                .statusCode(403);
    }

    @Test
    void withoutGovernorAdminNothingGoesThrough() {
        given().get("/console/api/delivery/v1/admin/delivery").then().statusCode(401);
        for (String caller : new String[] {"dashboard", "crm-sync"}) {
            given().auth()
                    .oauth2(CallerTokens.of(caller))
                    .post("/console/api/delivery/v1/admin/delivery/pause")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
        assertThat(AdminUpstream.LAST.get()).as("nothing reached the service").isNull();
    }

    @Test
    void onlyAdminPathsOfKnownServicesPassAndAnAbsentServiceIsRetryable() {
        String token = CallerTokens.of("operator");
        for (String path : new String[] {
            "/console/api/delivery/q/metrics",
            "/console/api/delivery/v1/records/x",
            "/console/api/delivery/v1/admin/%2e%2e/%2e%2e/q/metrics",
            "/console/api/delivery/v1/admin/a%2Fb",
            "/console/api/simulator/v1/admin/delivery"
        }) {
            given().auth()
                    .oauth2(token)
                    .urlEncodingEnabled(false)
                    .get(path)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
        }
        given().auth()
                .oauth2(token)
                .urlEncodingEnabled(false)
                .get("/console/api/delivery/v1/admin/delivery?x=it's(1)")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertThat(AdminUpstream.LAST.get()).as("nothing reached the service").isNull();
        given().auth()
                .oauth2(token)
                .get("/console/api/archive/v1/admin/archive/restores")
                .then()
                .statusCode(503)
                .header("Retry-After", "5")
                .contentType("application/problem+json")
                .body("detail", containsString("archive"));
    }
}
