package dev.governor.simulator.cdc;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;

/**
 * The Pub/Sub API's encoding of a change event's field lists ({@code changedFields}, {@code nulledFields},
 * {@code diffFields}): element 0 is a hex bitmap such as {@code 0x650004E0}, where bit <i>i</i> (least
 * significant = 0) marks the schema's top-level field <i>i</i>. Compound fields' {@code p-0xHEX}
 * elements are not produced: the simulated org has no compound fields.
 */
public final class FieldBitmap {

    private FieldBitmap() {}

    /** The list for these field names: empty when there are none, else the one top-level bitmap. */
    public static List<String> encode(Schema schema, Collection<String> fieldNames) {
        BigInteger bits = BigInteger.ZERO;
        for (String name : fieldNames) {
            Schema.Field field = schema.getField(name);
            if (field == null) {
                throw new IllegalArgumentException(schema.getName() + " has no field " + name);
            }
            bits = bits.setBit(field.pos());
        }
        return bits.signum() == 0 ? List.of() : List.of("0x" + bits.toString(16).toUpperCase(Locale.ROOT));
    }

    /** Field names back from a list as {@link #encode} writes it (what a subscriber's decoder does). */
    public static List<String> decode(Schema schema, List<String> bitmaps) {
        List<String> names = new ArrayList<>();
        for (String element : bitmaps) {
            if (!element.startsWith("0x")) {
                continue; // a compound field's bitmap: none in this org
            }
            BigInteger bits = new BigInteger(element.substring(2), 16);
            for (Schema.Field field : schema.getFields()) {
                if (bits.testBit(field.pos())) {
                    names.add(field.name());
                }
            }
        }
        return names;
    }
}
