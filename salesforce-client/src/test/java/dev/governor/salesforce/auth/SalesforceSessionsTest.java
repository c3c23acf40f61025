package dev.governor.salesforce.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.InjectPrivateStack;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.PrivateStack;
import dev.governor.testsupport.PrivateStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The project's own OIDC client configuration gets Salesforce sessions from the simulator (a separate
 * process, as a real org is) with the JWT bearer grant, and replaces them before the org's session
 * timeout ends them.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = PrivateStackResource.class,
        initArgs = {
            @ResourceArg(name = "components", value = "simulator,redis"),
            @ResourceArg(name = "env.SIMULATOR_AUTH_SESSION_TIMEOUT", value = "3S")
        })
class SalesforceSessionsTest {

    @Inject
    SalesforceSessions sessions;

    @InjectPrivateStack
    PrivateStack org;

    private String simulator() {
        return "http://127.0.0.1:" + org.port(Infrastructure.SIMULATOR);
    }

    private int limitsStatus(SalesforceSession session) {
        return given().baseUri(session.instanceUrl())
                .header("Authorization", "Bearer " + session.accessToken())
                .get("/services/data/v63.0/limits")
                .statusCode();
    }

    @Test
    void getsASessionWithTheJwtBearerGrantAndCallsTheApiAtItsInstanceUrl() {
        SalesforceSession session = sessions.current().await().atMost(Duration.ofSeconds(10));

        assertThat(session.instanceUrl()).isEqualTo(simulator());
        assertThat(session.toString()).doesNotContain(session.accessToken());
        assertThat(limitsStatus(session)).isEqualTo(200);
        assertThat(given().baseUri(simulator())
                        .get("/simulator/stats")
                        .<Integer>path("tokenRequests.'granted:governor-local-consumer-key'"))
                .isPositive();
    }

    @Test
    void reusesASessionWhileItIsFreshAndReplacesItBeforeTheOrgTimesItOut() {
        SalesforceSession first = sessions.current().await().atMost(Duration.ofSeconds(10));
        assertThat(sessions.current().await().atMost(Duration.ofSeconds(10))).isEqualTo(first);

        SalesforceSession replaced = await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> sessions.current().await().atMost(Duration.ofSeconds(10)), s -> !s.equals(first));

        assertThat(limitsStatus(replaced)).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> limitsStatus(first) == 401);
    }

    @Test
    void renewsOnDemandAfterTheOrgRevokedTheSession() {
        SalesforceSession revoked = sessions.current().await().atMost(Duration.ofSeconds(10));
        given().baseUri(simulator()).post("/simulator/sessions/revoke").then().statusCode(200);
        assertThat(limitsStatus(revoked)).isEqualTo(401);

        SalesforceSession renewed = sessions.renew().await().atMost(Duration.ofSeconds(10));

        assertThat(renewed.accessToken()).isNotEqualTo(revoked.accessToken());
        assertThat(limitsStatus(renewed)).isEqualTo(200);
    }
}
