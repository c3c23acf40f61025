package dev.governor.archive.format;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an archived object says about itself in its S3 user metadata, so checks and restores read its range
 * with a HeadObject instead of its content: the first and last offset, the record count and the format.
 */
public record ObjectFacts(long firstOffset, long lastOffset, long records) {

    public static final String FORMAT = "jsonl-gzip-v1";
    static final String FIRST = "governor-first-offset";
    static final String LAST = "governor-last-offset";
    static final String RECORDS = "governor-records";
    static final String FORMAT_KEY = "governor-format";

    /** The user metadata to upload the object with. */
    public Map<String, String> metadata() {
        Map<String, String> metadata = new HashMap<>();
        metadata.put(FIRST, Long.toString(firstOffset));
        metadata.put(LAST, Long.toString(lastOffset));
        metadata.put(RECORDS, Long.toString(records));
        metadata.put(FORMAT_KEY, FORMAT);
        return metadata;
    }

    /** The facts of an object's user metadata, or empty where they are missing or not numbers. */
    public static Optional<ObjectFacts> of(Map<String, String> metadata) {
        try {
            String first = metadata.get(FIRST);
            String last = metadata.get(LAST);
            String records = metadata.get(RECORDS);
            if (first == null || last == null || records == null) {
                return Optional.empty();
            }
            return Optional.of(new ObjectFacts(Long.parseLong(first), Long.parseLong(last), Long.parseLong(records)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
