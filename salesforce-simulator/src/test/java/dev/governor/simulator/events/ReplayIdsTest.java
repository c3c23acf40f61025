package dev.governor.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ReplayIdsTest {

    @Test
    void tenOpaqueBytesThatComeBackAsTheirPosition() {
        byte[] wire = ReplayIds.encode(123_456_789L);
        assertThat(wire).hasSize(10);
        assertThat(ReplayIds.decode(wire)).hasValue(123_456_789L);
    }

    @Test
    void theEightByteLongClientsKeepIsAccepted() {
        byte[] asLong = ByteBuffer.allocate(8)
                .putLong(ByteBuffer.wrap(ReplayIds.encode(42)).getLong())
                .array();
        assertThat(ReplayIds.decode(asLong)).hasValue(42);
    }

    @Test
    void otherBytesAreNotAReplayIdOfThisOrg() {
        byte[] foreign = ReplayIds.encode(42);
        foreign[9] ^= 1;
        assertThat(ReplayIds.decode(foreign)).isEmpty();
        assertThat(ReplayIds.decode(new byte[] {1, 2, 3})).isEmpty();
        assertThat(ReplayIds.decode(new byte[0])).isEmpty();
        assertThat(ReplayIds.decode(ByteBuffer.allocate(8).putLong(-5).array())).isEmpty();
    }
}
