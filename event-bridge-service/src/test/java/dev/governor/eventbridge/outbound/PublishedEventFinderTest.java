package dev.governor.eventbridge.outbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.salesforce.auth.SalesforceSessions;
import dev.governor.salesforce.pubsub.PubSubClient;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.SimulatorTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The search that settles unanswered publishes, against the simulator's Pub/Sub API: events far past the
 * first page after the anchor are found, so an event a killed replica did publish is never published again.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,oidc,mqtt,simulator"))
class PublishedEventFinderTest {

    private static final String SIMULATOR = "http://127.0.0.1:" + Infrastructure.SIMULATOR.sharedPort();

    @Inject
    PubSubClient client;

    @Inject
    SalesforceSessions sessions;

    @Test
    void eventsPagesAfterTheAnchorAreFound() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String token = SimulatorTokens.clientCredentials(SIMULATOR);
        for (int call = 0; call < 2; call++) { // 400 events: four pages of a subscription
            StringBuilder records = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                int n = call * 200 + i;
                records.append(i == 0 ? "" : ",")
                        .append("{\"attributes\": {\"type\": \"Order_Event__e\"}, \"Order_Number__c\": \"F-")
                        .append(n)
                        .append("\", \"Source_Event_Id__c\": \"finder-")
                        .append(run)
                        .append('-')
                        .append(n)
                        .append("\"}");
            }
            given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body("{\"allOrNone\": false, \"records\": [" + records + "]}")
                    .post(SIMULATOR + "/services/data/v63.0/composite/sobjects")
                    .then()
                    .statusCode(200);
        }
        PublishedEventFinder finder = new PublishedEventFinder(client, Duration.ofSeconds(60));

        Map<String, byte[]> found = finder.find(
                "/event/Order_Event__e",
                Optional.empty(),
                "Source_Event_Id__c",
                Set.of("finder-" + run + "-3", "finder-" + run + "-250", "finder-" + run + "-399"),
                sessions.current().await().atMost(Duration.ofSeconds(30)));

        assertThat(found).containsOnlyKeys("finder-" + run + "-3", "finder-" + run + "-250", "finder-" + run + "-399");
    }
}
