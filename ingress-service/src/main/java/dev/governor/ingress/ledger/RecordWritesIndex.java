package dev.governor.ingress.ledger;

import dev.governor.ingress.config.IngressConfig;
import dev.governor.ingress.redis.KeyedRequest;
import dev.governor.ingress.redis.RedisPipeline;
import dev.governor.ingress.status.RequestStatus;
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
import java.util.Optional;
import java.util.Set;

/**
 * Which accepted writes touched a record, so that a write can be found by its external id as well as by
 * its tracking id. Entries are shared out over a fixed number of hashes per day of acceptance, so that
 * many records share each key's own cost in Redis: a field is the record's digest followed by the
 * tracking id (an empty value), a day's hashes expire a status TTL after that day ends (a status changed
 * on a later day is entered again on that day's hash), and a lookup scans the days a status can still be
 * held for fields starting with the record's digest.
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
        RecordDigest digest = RecordDigest.of(recordKey);
        long day = day(acceptedAt);
        String key = key(day, digest);
        long expiresAt = (day + 1) * DAY_MILLIS + config.records().statusTtl().toMillis();
        return List.of(
                new KeyedRequest(
                        key,
                        Request.cmd(Command.HSET)
                                .arg(key)
                                .arg(digest.text() + trackingId)
                                .arg("")),
                new KeyedRequest(key, Request.cmd(Command.PEXPIREAT).arg(key).arg(expiresAt)));
    }

    /**
     * The writes that keep a record's write findable for as long as its status, changed {@code now}, is
     * held (see {@link #recordKeyToRenew}).
     */
    public List<KeyedRequest> entriesOnChange(RequestStatus status, Instant now) {
        return recordKeyToRenew(status, now)
                .map(recordKey -> entries(recordKey, status.trackingId(), now))
                .orElse(List.of());
    }

    /**
     * Under which record key a status changed {@code now} goes into today's hash: none on the day it was
     * accepted (that day's hash outlives the status, which a change keeps a status TTL from now), else the
     * record with its id in lower case, which a lookup tries whatever spelling it is asked for.
     */
    static Optional<String> recordKeyToRenew(RequestStatus status, Instant now) {
        if (status.acceptedAt() == null
                || status.sobject() == null
                || status.externalIdField() == null
                || status.externalId() == null
                || day(status.acceptedAt()) >= day(now)) {
            return Optional.empty();
        }
        return Optional.of(names(status.sobject(), status.externalIdField())
                + status.externalId().toLowerCase(Locale.ROOT));
    }

    /**
     * The tracking ids of the writes accepted for a record over the status TTL, however the record was
     * spelled (names in any case; the id as given and in lower case, since an external id field is
     * case-insensitive unless the org says otherwise).
     */
    public Uni<List<String>> trackingIds(String sobject, String externalIdField, String externalId, Instant now) {
        String names = names(sobject, externalIdField);
        Set<RecordDigest> digests = new LinkedHashSet<>();
        digests.add(RecordDigest.of(names + externalId.toLowerCase(Locale.ROOT)));
        digests.add(RecordDigest.of(names + externalId));
        long today = day(now);
        long firstDay = day(now.minus(config.records().statusTtl()));
        List<Uni<List<String>>> scans = new ArrayList<>();
        for (RecordDigest digest : digests) {
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
    private Uni<List<String>> scan(String key, RecordDigest digest, String cursor, List<String> found) {
        Request hscan = Request.cmd(Command.HSCAN)
                .arg(key)
                .arg(cursor)
                .arg("MATCH")
                .arg(digest.text() + "*")
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

    /** The start of a record key: its object's and its external id field's names, in lower case. */
    private static String names(String sobject, String externalIdField) {
        return sobject.toLowerCase(Locale.ROOT) + ":" + externalIdField.toLowerCase(Locale.ROOT) + ":";
    }

    private static long day(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), DAY_MILLIS);
    }

    private String key(long day, RecordDigest digest) {
        return KEY_PREFIX + day + ":"
                + Math.floorMod(digest.head(), config.records().indexBuckets());
    }

    /** A record's digest as its index fields start ({@code text}), and its first 16 bits, which pick its hash. */
    private record RecordDigest(String text, short head) {

        static RecordDigest of(String recordKey) {
            byte[] sha = TrackingId.sha256(recordKey.getBytes(StandardCharsets.UTF_8));
            return new RecordDigest(
                    BASE64URL.encodeToString(Arrays.copyOf(sha, DIGEST_LENGTH * 6 / 8)),
                    ByteBuffer.wrap(sha).getShort());
        }
    }
}
