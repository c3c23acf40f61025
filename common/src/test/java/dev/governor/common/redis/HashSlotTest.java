package dev.governor.common.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void keysAreGroupedBySlotInTheirOrderAndAnswersComeBackInKeyOrder() {
        SlotGroups groups = SlotGroups.of(List.of("{a}1", "{b}1", "{a}2", "{b}2", "{a}3"));
        assertThat(groups.positions()).containsExactly(List.of(0, 2, 4), List.of(1, 3));
        List<List<String>> split = groups.split(List.of("A1", "B1", "A2", "B2", "A3"));
        assertThat(split).containsExactly(List.of("A1", "A2", "A3"), List.of("B1", "B2"));
        assertThat(groups.inKeyOrder(split)).containsExactly("A1", "B1", "A2", "B2", "A3");
        assertThat(SlotGroups.of(List.of()).positions()).isEmpty();
    }

    @Test
    void answersThatDoNotFitTheGroupsAreRefused() {
        SlotGroups groups = SlotGroups.of(List.of("{a}1", "{b}1", "{a}2"));
        assertThatThrownBy(() -> groups.split(List.of("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> groups.inKeyOrder(List.of(List.of("x")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> groups.inKeyOrder(List.of(List.of("x"), List.of("y"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
