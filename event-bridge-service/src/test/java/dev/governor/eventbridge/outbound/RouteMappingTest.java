package dev.governor.eventbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteMappingTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    static final RouteMapping ORDERS = new RouteMapping(
            Map.of("Order_Number__c", "/order/number", "Amount__c", "/order/total", "Status__c", "/state"),
            Map.of("Channel__c", "erp"),
            Optional.of("Placed_At__c"),
            Optional.empty(),
            Optional.of("/id"),
            Optional.of("Source_Event_Id__c"));

    @Test
    void mapsPointersConstantsTheTimestampAndTheSourceId() throws Exception {
        JsonNode body = JSON.readTree("{\"id\": \"evt-1\", \"order\": {\"number\": \"O-1\", \"total\": 12.5}}");
        RouteMapping.Mapped mapped = ORDERS.map(body, Map.of(), AT);
        assertThat(mapped).isInstanceOfSatisfying(RouteMapping.Mapped.Event.class, event -> {
            assertThat(event.sourceId()).isEqualTo("evt-1");
            assertThat(event.fields())
                    .containsEntry("Order_Number__c", "O-1")
                    .containsEntry("Amount__c", 12.5)
                    .containsEntry("Channel__c", "erp")
                    .containsEntry("Placed_At__c", AT.toEpochMilli())
                    .containsEntry("Source_Event_Id__c", "evt-1")
                    .doesNotContainKey("Status__c"); // absent in the source: left unset
        });
    }

    @Test
    void theIdCanBeAHeaderAndAnEventWithoutOneIsUnmappable() throws Exception {
        RouteMapping byHeader = new RouteMapping(
                Map.of("Order_Number__c", "/n"),
                Map.of(),
                Optional.empty(),
                Optional.of("ce_id"),
                Optional.empty(),
                Optional.empty());
        JsonNode body = JSON.readTree("{\"n\": 7}");
        assertThat(byHeader.map(body, Map.of("ce_id", "h-1"), AT))
                .isEqualTo(new RouteMapping.Mapped.Event("h-1", Map.of("Order_Number__c", 7L)));
        assertThat(byHeader.map(body, Map.of(), AT))
                .isInstanceOfSatisfying(
                        RouteMapping.Mapped.Unmappable.class,
                        u -> assertThat(u.reason()).contains("header ce_id"));
    }

    @Test
    void aFieldThatWouldHoldAnObjectIsUnmappable() throws Exception {
        JsonNode body = JSON.readTree("{\"id\": \"evt-2\", \"order\": {\"number\": {\"nested\": true}}}");
        assertThat(ORDERS.map(body, Map.of(), AT))
                .isInstanceOfSatisfying(
                        RouteMapping.Mapped.Unmappable.class,
                        u -> assertThat(u.reason()).contains("Order_Number__c"));
    }

    @Test
    void aRouteNamesExactlyOnePlaceForTheIdAndValidPointers() {
        assertThatThrownBy(() -> new RouteMapping(
                        Map.of(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
                .hasMessageContaining("id");
        assertThatThrownBy(() -> new RouteMapping(
                        Map.of("A__c", "no-slash"),
                        Map.of(),
                        Optional.empty(),
                        Optional.of("ce_id"),
                        Optional.empty(),
                        Optional.empty()))
                .hasMessageContaining("JSON pointer");
    }
}
