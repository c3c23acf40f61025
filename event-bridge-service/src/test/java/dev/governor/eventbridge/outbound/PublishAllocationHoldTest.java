package dev.governor.eventbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import io.micrometer.core.instrument.MeterRegistry;
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
 * The bridge holds publishing before the org's publishing allocation is spent, instead of letting
 * Salesforce refuse events: with room for 50 events in a (shortened) rolling window, 80 source events
 * make 50 Platform Events, the held gauge says so, and the other 30 follow once the window moves on —
 * each exactly once, none dead.
 */
@NeedsStack
@QuarkusTest
@TestProfile(PublishAllocationHoldTest.SmallAllocation.class)
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,simulator"))
class PublishAllocationHoldTest {

    static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    static final String TOPIC = "governor.test.allocation." + RUN;

    public static class SmallAllocation implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return new TestRoutes()
                    .route("allocation", "kafka", TOPIC)
                    .set("allocation", "id-pointer", "/id")
                    .set("allocation", "fields.Order_Number__c", "/order")
                    .with("governor.salesforce.limits.org", "allocation-" + RUN)
                    .with("governor.salesforce.publishing.hourly-allocation", "50")
                    .with("governor.salesforce.publishing.reserve", "0")
                    .with("governor.salesforce.publishing.window", "8S")
                    .config();
        }
    }

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry metrics;

    @Test
    void publishingHoldsAtTheAllocationAndGoesOnWhenTheWindowMovesOn() throws Exception {
        try (OutboundEvents events = OutboundEvents.onSharedStack(vertx)) {
            for (int i = 0; i < 80; i++) {
                events.kafka(TOPIC, null, "{\"id\": \"" + RUN + "-" + i + "\", \"order\": \"A-" + i + "\"}", Map.of());
            }
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> events.publishedCounts(RUN + "-").size() >= 50);
            assertThat(events.publishedCounts(RUN + "-")).hasSize(50);
            assertThat(metrics.get("governor.bridge.outbound.held").gauge().value())
                    .isEqualTo(1.0);

            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> events.publishedCounts(RUN + "-").size() == 80);
            assertThat(events.publishedCounts(RUN + "-").values()).containsOnly(1);
            assertThat(metrics.find("governor.bridge.outbound.events")
                            .tag("route", "allocation")
                            .tag("outcome", "dead")
                            .counter())
                    .isNull();
        }
    }
}
