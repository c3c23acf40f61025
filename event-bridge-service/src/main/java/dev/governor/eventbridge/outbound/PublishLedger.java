package dev.governor.eventbridge.outbound;

import dev.governor.common.redis.SlotGroups;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * What the bridge knows about each source event's publish, in Redis, so every replica and every restart
 * agrees: nothing yet; <em>claimed</em> by a publisher about to publish it (with the replay id the topic had
 * reached before, its <em>anchor</em>); <em>published</em> with its replay id; <em>dying</em>, about to be
 * put on the dead-letter topic; or <em>dead</em>-lettered. A source event that arrives again is skipped once
 * published or dead; a claim whose holder stopped answering (it crashed between sending the publish and
 * hearing the answer) is settled by looking for the event in Salesforce after the anchor, and an abandoned
 * dying entry by looking in the dead-letter topic after its time, never by guessing. One key per source
 * event, single-key commands only (Redis Cluster needs no change). Blocking: called from a publisher's own thread.
 */
final class PublishLedger {

    /** Replaces a claim only if it is still the one the caller read. */
    private static final String REPLACE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0
            """;

    /** Deletes a claim only if it is still this holder's. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** A source event's entry as read when claiming it. */
    sealed interface Entry {
        /** This publisher now holds the claim; {@code value} is what releasing or replacing it compares. */
        record Claimed(String value) implements Entry {}

        /** Already in Salesforce. */
        record Published(byte[] replayId) implements Entry {}

        /** Another live holder (or this publisher, for a copy in flight) is publishing it now. */
        record Busy() implements Entry {}

        /** Dead-lettered before; {@code value} is what taking it over for a replay compares. */
        record Dead(String value) implements Entry {}

        /**
         * A holder claimed it longer ago than the claim timeout and never said how its publish ended.
         *
         * @param anchor the replay id the topic had reached before that claim; empty when none was known
         */
        record Abandoned(String value, Optional<byte[]> anchor) implements Entry {}

        /**
         * A holder began dead-lettering it longer ago than the claim timeout and never recorded the end: the
         * dead letter may be on the topic (written at or after {@code since}) or not.
         */
        record Dying(String value, Instant since) implements Entry {}
    }

    /** How far a source event's dead-lettering has got, as read before dead-lettering a copy of it. */
    sealed interface Death {
        /** Nothing says it was dead-lettered, or it is this holder's own dead-lettering being tried again. */
        record None() implements Death {}

        /** On the dead-letter topic, recorded so. */
        record Done() implements Death {}

        /** Another live holder is putting it on the dead-letter topic now. */
        record Elsewhere() implements Death {}

        /** Another holder began longer ago than the claim timeout; the topic says whether it got there. */
        record Abandoned(Instant since) implements Death {}
    }

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private final RedisDataSource redis;
    private final Redis pipeline;
    private final String holder;
    private final Duration ttl;
    private final Duration claimTimeout;
    private final boolean cluster;

    PublishLedger(
            RedisDataSource redis,
            Redis pipeline,
            String holder,
            Duration ttl,
            Duration claimTimeout,
            boolean cluster) {
        this.cluster = cluster;
        this.redis = redis;
        this.pipeline = pipeline;
        this.holder = holder;
        this.ttl = ttl;
        this.claimTimeout = claimTimeout;
    }

    static String key(String route, String sourceId) {
        return "governor:bridge:v1:published:" + route + ":" + sourceId;
    }

    /** Claims each source event not yet known, and says what is known of the others (one round trip). */
    List<Entry> claim(List<String> keys, Optional<byte[]> anchor) {
        long now = System.currentTimeMillis();
        String claim = "C|" + holder + "|" + now + "|"
                + anchor.map(B64::encodeToString).orElse("");
        List<Request> commands = new ArrayList<>(keys.size());
        for (String key : keys) {
            commands.add(Request.cmd(Command.SET)
                    .arg(key)
                    .arg(claim)
                    .arg("NX")
                    .arg("GET")
                    .arg("PX")
                    .arg(ttl.toMillis()));
        }
        List<Response> answers = batch(keys, commands);
        List<Entry> entries = new ArrayList<>(keys.size());
        for (Response answer : answers) {
            entries.add(answer == null ? new Entry.Claimed(claim) : read(answer.toString(), now));
        }
        return entries;
    }

    /**
     * Takes over an abandoned claim (the event proved not to be in Salesforce), an abandoned dying entry (its
     * dead letter proved not to be on the topic) or a dead event's entry (an operator replays it); empty if
     * someone else did first.
     */
    Optional<Entry.Claimed> takeOver(String key, String previous, Optional<byte[]> anchor) {
        String claim = "C|" + holder + "|" + System.currentTimeMillis() + "|"
                + anchor.map(B64::encodeToString).orElse("");
        Response answer = redis.execute("EVAL", REPLACE, "1", key, previous, claim, Long.toString(ttl.toMillis()));
        return answer != null && answer.toLong() == 1 ? Optional.of(new Entry.Claimed(claim)) : Optional.empty();
    }

    /** Records events as published: from now on their source events are skipped. */
    void published(List<String> keys, List<byte[]> replayIds) {
        List<Request> commands = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            commands.add(Request.cmd(Command.SET)
                    .arg(keys.get(i))
                    .arg("P|" + B64.encodeToString(replayIds.get(i)))
                    .arg("PX")
                    .arg(ttl.toMillis()));
        }
        batch(keys, commands);
    }

    /** The latest replay id a publisher to the topic recorded; empty before the first publish. */
    Optional<byte[]> anchor(String topic) {
        Response answer = redis.execute("GET", anchorKey(topic));
        return answer == null ? Optional.empty() : Optional.of(B64D.decode(answer.toString()));
    }

    /** Records a replay id the topic reached: claims made from now on search from it. */
    void anchor(String topic, byte[] replayId) {
        redis.execute("SET", anchorKey(topic), B64.encodeToString(replayId), "PX", Long.toString(ttl.toMillis()));
    }

    private static String anchorKey(String topic) {
        return "governor:bridge:v1:anchor:" + topic;
    }

    /** Whether and how far the source event was dead-lettered before: a copy of it is not dead-lettered twice. */
    Death death(String key) {
        Response answer = redis.execute("GET", key);
        if (answer == null) {
            return new Death.None();
        }
        String[] parts = answer.toString().split("\\|", -1);
        if (parts[0].equals("X")) {
            return new Death.Done();
        }
        if (!parts[0].equals("D") || parts.length != 3 || parts[1].equals(holder)) {
            return new Death.None();
        }
        Instant since = Instant.ofEpochMilli(Long.parseLong(parts[2]));
        return System.currentTimeMillis() - since.toEpochMilli() > claimTimeout.toMillis()
                ? new Death.Abandoned(since)
                : new Death.Elsewhere();
    }

    /**
     * Records that this holder is about to put the source event on the dead-letter topic, replacing any claim:
     * if it stops before {@link #markDead}, a copy looks for the dead letter instead of writing another.
     */
    void dying(String key) {
        redis.execute(
                "SET", key, "D|" + holder + "|" + System.currentTimeMillis(), "PX", Long.toString(ttl.toMillis()));
    }

    /** Records a source event as dead-lettered (after the dead-letter topic has it). */
    void markDead(String key) {
        redis.execute("SET", key, "X|" + System.currentTimeMillis(), "PX", Long.toString(ttl.toMillis()));
    }

    /** Gives a claim up (the publish was refused, or not sent): the source event may be published later. */
    void release(String key, String value) {
        redis.execute("EVAL", RELEASE, "1", key, value);
    }

    private Entry read(String value, long now) {
        String[] parts = value.split("\\|", -1);
        if (parts[0].equals("X")) {
            return new Entry.Dead(value);
        }
        if (parts[0].equals("P") && parts.length == 2) {
            return new Entry.Published(B64D.decode(parts[1]));
        }
        if (parts[0].equals("D") && parts.length == 3) {
            long since = Long.parseLong(parts[2]);
            if (!parts[1].equals(holder) && now - since > claimTimeout.toMillis()) {
                return new Entry.Dying(value, Instant.ofEpochMilli(since));
            }
            return new Entry.Busy();
        }
        if (parts[0].equals("C") && parts.length == 4) {
            long claimedAt = Long.parseLong(parts[2]);
            if (!parts[1].equals(holder) && now - claimedAt > claimTimeout.toMillis()) {
                return new Entry.Abandoned(
                        value, parts[3].isEmpty() ? Optional.empty() : Optional.of(B64D.decode(parts[3])));
            }
            return new Entry.Busy();
        }
        throw new IllegalStateException("Unreadable publish-ledger entry: " + value);
    }

    /**
     * The commands (one per key) in one round trip (pipelined), answers in order; a Redis failure is thrown.
     * A cluster pipelines only commands of one slot: there, one round trip per slot, all at once.
     */
    private List<Response> batch(List<String> keys, List<Request> commands) {
        if (commands.isEmpty()) {
            return List.of();
        }
        if (!cluster) {
            return pipeline.batch(commands).await().atMost(DEADLINE);
        }
        SlotGroups groups = SlotGroups.of(keys);
        List<List<Response>> answers = pipeline.connect()
                .flatMap(connection -> {
                    // One connection (one per node, pipelined) for all the slots' batches.
                    List<Uni<List<Response>>> sent = new ArrayList<>();
                    for (List<Request> group : groups.split(commands)) {
                        sent.add(connection.batch(group));
                    }
                    return Uni.join().all(sent).andFailFast().eventually(connection::close);
                })
                .await()
                .atMost(DEADLINE);
        return groups.inKeyOrder(answers);
    }
}
