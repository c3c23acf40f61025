package dev.governor.simulator.data;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The fields every record of every object has, whatever the org model declares: when it was created,
 * last changed by a user or an integration ({@code LastModifiedDate}) or by anything at all
 * ({@code SystemModstamp}, which incremental exports filter on), and whether it is in the recycle bin
 * (only {@code queryAll} sees those). Read-only; the simulator changes both stamps on every write.
 */
public final class SystemFields {

    public static final String CREATED_DATE = "CreatedDate";
    public static final String LAST_MODIFIED_DATE = "LastModifiedDate";
    public static final String SYSTEM_MODSTAMP = "SystemModstamp";
    public static final String IS_DELETED = "IsDeleted";

    /** Every system field, in the order a record shows them. */
    public static final List<String> NAMES = List.of(CREATED_DATE, LAST_MODIFIED_DATE, SYSTEM_MODSTAMP, IS_DELETED);

    /** How Salesforce writes a date-time value in JSON and CSV: milliseconds and a {@code +0000} offset. */
    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSSxx", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private SystemFields() {}

    /** The system field's name as the org spells it, for a name in any letter case; empty for other names. */
    public static Optional<String> named(String name) {
        return NAMES.stream().filter(n -> n.equalsIgnoreCase(name)).findFirst();
    }

    /** The record's value of a system field named as {@link #named} answers. */
    public static Object value(StoredRecord record, String name) {
        return switch (name) {
            case CREATED_DATE -> format(record.createdAt());
            case LAST_MODIFIED_DATE, SYSTEM_MODSTAMP -> format(record.lastModifiedAt());
            case IS_DELETED -> record.isDeleted();
            default -> throw new IllegalArgumentException("Not a system field: " + name);
        };
    }

    public static String format(Instant instant) {
        return DATE_TIME.format(instant);
    }
}
