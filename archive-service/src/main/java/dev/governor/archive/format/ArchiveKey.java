package dev.governor.archive.format;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one archived object lives, Hive-style so analytics tools read the folders as columns:
 * {@code <prefix>/<topic>/dt=YYYY-MM-DD/hour=HH/partition=P/<topic>+P+<first offset>.jsonl.gz}. The hour is
 * that of the object's first record's timestamp (UTC) and the offset is zero-padded to 20 digits, so the
 * same records always get the same name and names sort in offset order.
 */
public record ArchiveKey(String prefix, String topic, int partition, long firstOffset, Instant hour) {

    public static final String SUFFIX = ".jsonl.gz";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final Pattern KEY = Pattern.compile("(.+)/([A-Za-z0-9._-]+)/dt=(\\d{4}-\\d{2}-\\d{2})/hour=(\\d{2})"
            + "/partition=(\\d+)/([A-Za-z0-9._-]+)\\+(\\d+)\\+(\\d{20})\\.jsonl\\.gz");

    /** The key of the object whose first record is at {@code firstOffset} with {@code timestamp} (epoch ms). */
    public static ArchiveKey of(String prefix, String topic, int partition, long firstOffset, long timestamp) {
        return new ArchiveKey(prefix, topic, partition, firstOffset, hourOf(timestamp));
    }

    /** The start of the UTC hour a record timestamp falls in; a record without one (-1) counts as 1970. */
    public static Instant hourOf(long timestamp) {
        long millis = Math.max(0, timestamp);
        return Instant.ofEpochMilli(millis - Math.floorMod(millis, 3_600_000L));
    }

    /** The folder every object of a topic is under, ending in a slash. */
    public static String topicPrefix(String prefix, String topic) {
        return prefix + "/" + topic + "/";
    }

    /** The object key this names. */
    public String key() {
        ZonedDateTime time = hour.atZone(ZoneOffset.UTC);
        return String.format(
                "%s/%s/dt=%s/hour=%02d/partition=%d/%s+%d+%020d%s",
                prefix, topic, DAY.format(time), time.getHour(), partition, topic, partition, firstOffset, SUFFIX);
    }

    /** The archive key an object key names, or empty for any other object (a restore report, a stray file). */
    public static Optional<ArchiveKey> parse(String key) {
        Matcher m = KEY.matcher(key);
        if (!m.matches() || !m.group(2).equals(m.group(6)) || !m.group(5).equals(m.group(7))) {
            return Optional.empty();
        }
        try {
            Instant hour = ZonedDateTime.parse(m.group(3) + "T" + m.group(4) + ":00:00Z")
                    .toInstant();
            ArchiveKey parsed = new ArchiveKey(
                    m.group(1), m.group(2), Integer.parseInt(m.group(5)), Long.parseLong(m.group(8)), hour);
            return parsed.key().equals(key) ? Optional.of(parsed) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return key();
    }
}
