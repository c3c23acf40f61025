package dev.governor.simulator.events;

import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * Replay ids on the wire. The simulator sends 10 opaque bytes, as real orgs do: the event's position as
 * an 8-byte big-endian long, then two bytes that carry the simulated org's event-bus partition. Popular
 * clients keep only an 8-byte long and send that back; real orgs accept it, so the simulator does too.
 */
public final class ReplayIds {

    private static final byte[] PARTITION = {0x00, 0x07};
    private static final int LONG_FORM = Long.BYTES;
    private static final int WIRE_FORM = Long.BYTES + PARTITION.length;

    private ReplayIds() {}

    public static byte[] encode(long position) {
        return ByteBuffer.allocate(WIRE_FORM).putLong(position).put(PARTITION).array();
    }

    /** The position a replay id names; empty when the bytes are not a replay id of this org. */
    public static OptionalLong decode(byte[] bytes) {
        if (bytes.length != LONG_FORM && bytes.length != WIRE_FORM) {
            return OptionalLong.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long position = buffer.getLong();
        if (bytes.length == WIRE_FORM && (buffer.get() != PARTITION[0] || buffer.get() != PARTITION[1])) {
            return OptionalLong.empty();
        }
        return position < 0 ? OptionalLong.empty() : OptionalLong.of(position);
    }
}
