package dev.governor.eventbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublishRefusalTest {

    @Test
    void refusalsAreReadFromSalesforcesText() {
        assertThat(PublishRefusal.of("LIMIT_EXCEEDED: the org's hourly Platform Event publishing allocation is spent"))
                .isEqualTo(PublishRefusal.ALLOCATION_SPENT);
        assertThat(PublishRefusal.of("Schema abc is not the topic's current schema (def); get it with GetTopic"))
                .isEqualTo(PublishRefusal.SCHEMA_CHANGED);
        assertThat(PublishRefusal.of("REQUIRED_FIELD_MISSING: Required fields are missing: [Order_Number__c]"))
                .isEqualTo(PublishRefusal.PERMANENT);
        assertThat(PublishRefusal.of("STRING_TOO_LONG: Status__c: data value too large (max length=40)"))
                .isEqualTo(PublishRefusal.PERMANENT);
        assertThat(PublishRefusal.of("The event is 1048577 bytes; an event may have at most 1048576"))
                .isEqualTo(PublishRefusal.PERMANENT);
        assertThat(PublishRefusal.of("The event was refused (injected publish fault); publish it again"))
                .isEqualTo(PublishRefusal.TRANSIENT);
        assertThat(PublishRefusal.of(null)).isEqualTo(PublishRefusal.TRANSIENT);
    }
}
