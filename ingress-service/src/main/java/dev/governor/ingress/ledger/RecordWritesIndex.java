package dev.governor.ingress.ledger;

import dev.governor.ingress.config.IngressConfig;
import dev.governor.ingress.redis.KeyedRequest;
import dev.governor.ingress.redis.RedisPipeline;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which accepted writes touched a record, so that a write can be found by its external id as well as by
 * its tracking id. Entries are shared out over a fixed number of hashes per day of acceptance, so that
 * many records share each key's own cost in Redis: a field is the record's digest followed by the
 * tracking id (an empty value), a day's hashes expire a status TTL after that day ends, and a lookup
 * scans the days a status can still be held for fields starting with the record's digest.
 */
@ApplicationScoped
public class RecordWritesIndex {

    static final String KEY_PREFIX = "governor:rix:v1:";
    /** Characters of a record's digest: 72 bits of SHA-256 in base64url (no glob characters). */
    static final int DIGEST_LENGTH = 12;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
    private static final int SCAN_COUNT = 1000;

    private final RedisPipeline pipeline;
    private final IngressConfig config;

    public RecordWritesIndex(RedisPipeline pipeline, IngressConfig config) {
        this.pipeline = pipeline;
        this.config = config;
    }

    /** The writes that add a record's accepted write to the index: its field, and its day's expiry. */
    public List<KeyedRequest> entries(String recordKey, String trackingId, Instant acceptedAt) {
        String digest = digest(recordKey);
        long day = Math.floorDiv(acceptedAt.toEpochMilli(), DAY_MILLIS);
        String key = key(day, digest);
        long expiresAt = (day + 1) * DAY_MILLIS + config.records().statusTtl().toMillis();
        return List.of(
                new KeyedRequest(
                        key,
                        Request.cmd(Command.HSET)
                                .arg(key)
                                .arg(digest + trackingId)
                                .arg("")),
                new KeyedRequest(key, Request.cmd(Command.PEXPIREAT).arg(key).arg(expiresAt)));
    }

    /**
     * The tracking ids of the writes accepted for a record over the status TTL, however the record was
     * spelled (names in any case; the id as given and in lower case, since an external id field is
     * case-insensitive unless the org says otherwise).
     */
    public Uni<List<String>> trackingIds(String sobject, String externalIdField, String externalId, Instant now) {
        String names = sobject.toLowerCase(Locale.ROOT) + ":" + externalIdField.toLowerCase(Locale.ROOT) + ":";
        Set<String> digests = new LinkedHashSet<>();
        digests.add(digest(names + externalId.toLowerCase(Locale.ROOT)));
        digests.add(digest(names + externalId));
        long today = Math.floorDiv(now.toEpochMilli(), DAY_MILLIS);
        long firstDay =
                Math.floorDiv(now.toEpochMilli() - config.records().statusTtl().toMillis(), DAY_MILLIS);
        List<Uni<List<String>>> scans = new ArrayList<>();
        for (String digest : digests) {
            for (long day = firstDay; day <= today; day++) {
                scans.add(scan(key(day, digest), digest, "0", new ArrayList<>()));
            }
        }
        return Uni.join()
                .all(scans)
                .andFailFast()
                .map(found -> found.stream().flatMap(List::stream).distinct().toList());
    }

    /** Every field of {@code key} starting with {@code digest}, following HSCAN's cursor to its end. */
    private Uni<List<String>> scan(String key, String digest, String cursor, List<String> found) {
        Request hscan = Request.cmd(Command.HSCAN)
                .arg(key)
                .arg(cursor)
                .arg("MATCH")
                .arg(digest + "*")
                .arg("COUNT")
                .arg(SCAN_COUNT);
        return pipeline.send(List.of(new KeyedRequest(key, hscan))).flatMap(answers -> {
            Response answer = answers.get(0);
            Response pairs = answer.get(1);
            for (int i = 0; i < pairs.size(); i += 2) {
                found.add(pairs.get(i).toString().substring(DIGEST_LENGTH));
            }
            String next = answer.get(0).toString();
            return "0".equals(next) ? Uni.createFrom().item(found) : scan(key, digest, next, found);
        });
    }

    private String key(long day, String digest) {
        int bucket = Math.floorMod(
                ByteBuffer.wrap(digestBytes(digest)).getShort(),
                config.records().indexBuckets());
        return KEY_PREFIX + day + ":" + bucket;
    }

    static String digest(String recordKey) {
        byte[] sha = TrackingId.sha256(recordKey.getBytes(StandardCharsets.UTF_8));
        return BASE64URL.encodeToString(Arrays.copyOf(sha, DIGEST_LENGTH * 6 / 8));
    }

    private static byte[] digestBytes(String digest) {
        return Base64.getUrlDecoder().decode(digest);
    }
}
