package dev.governor.common.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HashSlotTest {

    @Test
    void slotsAreThoseRedisComputes() {
        // As answered by CLUSTER KEYSLOT on Redis 7.0.
        assertThat(HashSlot.of("foo")).isEqualTo(12182);
        assertThat(HashSlot.of("bar")).isEqualTo(5061);
        assertThat(HashSlot.of("123456789")).isEqualTo(0x31C3 % HashSlot.SLOTS);
    }

    @Test
    void aHashTagDecidesTheSlotUnlessItIsEmpty() {
        assertThat(HashSlot.of("governor:{org}:usage")).isEqualTo(HashSlot.of("org"));
        assertThat(HashSlot.of("governor:{org}:rate")).isEqualTo(HashSlot.of("governor:{org}:usage"));
        assertThat(HashSlot.of("{}:x")).isEqualTo(HashSlot.of("{}:x")).isNotEqualTo(HashSlot.of("x"));
        assertThat(HashSlot.of("a{b}{c}")).isEqualTo(HashSlot.of("b"));
        assertThat(HashSlot.of("a{b")).isNotEqualTo(HashSlot.of("b"));
    }

    @Test
    void keysAreGroupedBySlotInTheirOrder() {
        assertThat(HashSlot.groups(List.of("{a}1", "{b}1", "{a}2", "{b}2", "{a}3")))
                .containsExactly(List.of(0, 2, 4), List.of(1, 3));
        assertThat(HashSlot.groups(List.of())).isEmpty();
    }
}
