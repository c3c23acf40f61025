package dev.governor.eventbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.InjectPrivateStack;
import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.PrivateStack;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A route reading a topic of another Kafka cluster (a broker of its own, with the external channel's own
 * bootstrap servers) while the bridge's own clients stay on Governor's cluster: its events reach
 * Salesforce once each, and a topic of the same name on Governor's cluster is not read for it.
 */
@NeedsStack
@QuarkusTest
@TestProfile(ExternalKafkaRouteTest.ExternalRoute.class)
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,simulator"))
@WithTestResource(ExternalKafkaResource.class)
class ExternalKafkaRouteTest {

    static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    static final String TOPIC = "erp.orders." + RUN;

    public static class ExternalRoute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return new TestRoutes()
                    .route("erp", "kafka-external", TOPIC)
                    .set("erp", "id-pointer", "/id")
                    .set("erp", "fields.Order_Number__c", "/order")
                    .config();
        }
    }

    @InjectPrivateStack
    PrivateStack external;

    @Inject
    Vertx vertx;

    @Test
    void eventsOfAnotherClusterReachSalesforceOnceEach() throws Exception {
        try (OutboundEvents other = new OutboundEvents(
                        external.port(Infrastructure.KAFKA),
                        Infrastructure.MQTT.sharedPort(),
                        Infrastructure.SIMULATOR.sharedPort(),
                        vertx,
                        false);
                OutboundEvents governors = OutboundEvents.onSharedStack(vertx, false)) {
            for (int i = 0; i < 20; i++) {
                String body = "{\"id\": \"" + RUN + "-x-" + i + "\", \"order\": \"X-" + i + "\"}";
                other.kafka(TOPIC, null, body, Map.of());
                if (i % 5 == 0) {
                    other.kafka(TOPIC, null, body, Map.of());
                }
            }
            governors.kafka(TOPIC, null, "{\"id\": \"" + RUN + "-local\", \"order\": \"L-1\"}", Map.of());
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> other.publishedCounts(RUN + "-x-").size() == 20);
            Thread.sleep(2000);
            assertThat(other.publishedCounts(RUN + "-x-").values()).containsOnly(1);
            assertThat(other.publishedCounts(RUN + "-local")).isEmpty();
        }
    }
}
