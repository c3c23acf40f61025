package dev.governor.eventbridge.sources;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MqttTopicFilterTest {

    @Test
    void wildcardsMatchWholeLevels() {
        assertThat(MqttTopicFilter.matches("plant/+/orders", "plant/berlin/orders"))
                .isTrue();
        assertThat(MqttTopicFilter.matches("plant/+/orders", "plant/berlin/line-1/orders"))
                .isFalse();
        assertThat(MqttTopicFilter.matches("plant/#", "plant/berlin/line-1/orders"))
                .isTrue();
        assertThat(MqttTopicFilter.matches("plant/#", "plant")).isTrue();
        assertThat(MqttTopicFilter.matches("plant/+", "plant")).isFalse();
        assertThat(MqttTopicFilter.matches("plant/berlin", "plant/Berlin")).isFalse();
        assertThat(MqttTopicFilter.matches("plant/+/", "plant/berlin/")).isTrue();
        assertThat(MqttTopicFilter.matches("#", "$SYS/broker/uptime")).isFalse();
        assertThat(MqttTopicFilter.matches("$SYS/#", "$SYS/broker/uptime")).isTrue();
    }

    @Test
    void malformedFiltersAreRecognised() {
        assertThat(MqttTopicFilter.valid("plant/+/orders")).isTrue();
        assertThat(MqttTopicFilter.valid("plant/#")).isTrue();
        assertThat(MqttTopicFilter.valid("plant/#/orders")).isFalse();
        assertThat(MqttTopicFilter.valid("plant/ber+")).isFalse();
        assertThat(MqttTopicFilter.valid("plant#")).isFalse();
        assertThat(MqttTopicFilter.valid("")).isFalse();
    }
}
