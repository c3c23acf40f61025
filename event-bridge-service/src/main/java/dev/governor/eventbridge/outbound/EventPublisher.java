package dev.governor.eventbridge.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ProducerEvent;
import com.salesforce.eventbus.protobuf.PublishRequest;
import com.salesforce.eventbus.protobuf.PublishResponse;
import com.salesforce.eventbus.protobuf.PublishResult;
import dev.governor.eventbridge.outbound.OutboundEvent.Outcome;
import dev.governor.eventbridge.outbound.PublishLedger.Death;
import dev.governor.eventbridge.outbound.PublishLedger.Entry;
import dev.governor.salesforce.auth.SalesforceSession;
import dev.governor.salesforce.auth.SalesforceSessions;
import dev.governor.salesforce.limits.PublishAllocation;
import dev.governor.salesforce.pubsub.PubSubClient;
import dev.governor.salesforce.pubsub.PubSubFailure;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Publishes one Platform Event topic's events, from every route that targets it, over one PublishStream:
 * in publishes of up to 200 events and 3 MB, one publish in flight at a time, each event published once.
 * Before a publish the events are claimed in the {@link PublishLedger} (an event already published is
 * settled as a duplicate, one a live holder is publishing waits) and taken from the hourly
 * {@link PublishAllocation} (holding when it is spent); after it, each event is recorded with its replay
 * id and only then settled, so the source acknowledges it. A publish whose answer never came — the stream
 * broke, the call timed out — is settled by the {@link PublishedEventFinder}, as are claims a crashed
 * replica abandoned. Per-event refusals are retried, picked up under a new schema, or dead-lettered
 * with Salesforce's reason ({@link PublishRefusal}).
 *
 * <p>Everything runs on the publisher's own thread (Redis and Kafka calls block there, never on an
 * event loop); stream callbacks hop onto it and are dropped if they belong to a stream since replaced.
 */
final class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    static final int MAX_EVENTS = 200;
    static final int MAX_REQUEST_BYTES = 3 * 1024 * 1024;
    static final int MAX_EVENT_BYTES = 1024 * 1024;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SEARCH_LIMIT = Duration.ofMinutes(6);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** A route as the publisher uses it. */
    record Route(String name, RouteMapping mapping, String idField) {}

    /** An event taken in and mapped, waiting for its publish. */
    private static final class Queued {
        final OutboundEvent event;
        final String sourceId;
        final Map<String, Object> fields;
        final String idField;
        final long takenInNanos = System.nanoTime();
        int attempts;
        long notBeforeNanos;
        String claim;
        byte[] payload;
        String unencodable; // why the payload could not be made, when it could not
        String correlationKey;

        Queued(OutboundEvent event, String sourceId, Map<String, Object> fields, String idField) {
            this.event = event;
            this.sourceId = sourceId;
            this.fields = fields;
            this.idField = idField;
        }

        String key() {
            return PublishLedger.key(event.route(), sourceId);
        }
    }

    private final String topic;
    private final Map<String, Route> routes;
    private final PubSubClient client;
    private final SalesforceSessions sessions;
    private final PublishLedger ledger;
    private final PublishAllocation allocation;
    private final PublishedEventFinder finder;
    private final DeadEvents deadEvents;
    private final OutboundMetrics metrics;
    private final ObjectMapper json;
    private final Duration linger;
    private final int maxAttempts;
    private final int maxQueued;
    private final TopicSchema schema;
    private final ScheduledExecutorService thread;
    private final AtomicInteger queuedCount = new AtomicInteger();
    private final Deque<Queued> queue = new ArrayDeque<>();
    private final List<CompletableFuture<Void>> roomWaiters = new ArrayList<>();

    private SalesforceSession session;
    private StreamObserver<PublishRequest> stream;
    private int streamGeneration;
    private List<Queued> inFlight; // the publish sent and not yet answered
    private Optional<byte[]> inFlightAnchor = Optional.empty(); // the anchor before the publish in flight
    private List<Queued> uncertain = List.of(); // a publish whose answer never came, not yet settled
    private Optional<byte[]> uncertainAnchor = Optional.empty();
    private Optional<byte[]> anchor = Optional.empty(); // the latest replay id this publisher saw
    private long holdUntilNanos;
    private int failures;
    private ScheduledFuture<?> drainScheduled;
    private long drainAtNanos;
    private volatile boolean held;
    private volatile boolean stopped;

    EventPublisher(
            String topic,
            Map<String, Route> routes,
            PubSubClient client,
            SalesforceSessions sessions,
            PublishLedger ledger,
            PublishAllocation allocation,
            DeadEvents deadEvents,
            OutboundMetrics metrics,
            ObjectMapper json,
            Duration linger,
            int maxAttempts,
            int maxQueued) {
        this.topic = topic;
        this.routes = Map.copyOf(routes);
        this.client = client;
        this.sessions = sessions;
        this.ledger = ledger;
        this.allocation = allocation;
        this.finder = new PublishedEventFinder(client, SEARCH_LIMIT);
        this.deadEvents = deadEvents;
        this.metrics = metrics;
        this.json = json;
        this.linger = linger;
        this.maxAttempts = maxAttempts;
        this.maxQueued = maxQueued;
        this.schema = new TopicSchema(topic, client);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "governor-publisher-" + topic.substring(topic.lastIndexOf('/') + 1));
            t.setDaemon(true);
            return t;
        });
        thread.execute(() -> anchor = ledger.anchor(topic));
    }

    String topic() {
        return topic;
    }

    int queued() {
        return queuedCount.get();
    }

    boolean held() {
        return held;
    }

    /** Takes an event in; it settles later. Never blocks: callers wait for {@link #room()} between batches. */
    void submit(OutboundEvent event) {
        queuedCount.incrementAndGet();
        event.settled().whenComplete((outcome, failure) -> freed());
        thread.execute(() -> intake(event));
    }

    /** Completes once fewer than the configured maximum of events wait here. */
    CompletableFuture<Void> room() {
        synchronized (roomWaiters) {
            if (queuedCount.get() < maxQueued) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> waiter = new CompletableFuture<>();
            roomWaiters.add(waiter);
            return waiter;
        }
    }

    void stop() {
        stopped = true;
        thread.execute(() -> {
            closeStream();
            for (Queued queued : queue) {
                queued.event.settled().completeExceptionally(new IllegalStateException("The bridge is stopping"));
            }
            queue.clear();
        });
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void freed() {
        queuedCount.decrementAndGet();
        List<CompletableFuture<Void>> ready;
        synchronized (roomWaiters) {
            if (queuedCount.get() >= maxQueued || roomWaiters.isEmpty()) {
                return;
            }
            ready = new ArrayList<>(roomWaiters);
            roomWaiters.clear();
        }
        ready.forEach(w -> w.complete(null));
    }

    private void intake(OutboundEvent event) {
        Route route = routes.get(event.route());
        if (route == null) {
            dead(event, null, "No route named " + event.route() + " publishes to " + topic);
            return;
        }
        String headerId = route.mapping().idHeader().map(event.headers()::get).orElse(null);
        JsonNode body;
        try {
            body = json.readTree(event.body());
        } catch (IOException e) {
            dead(event, headerId, "The source event is not JSON: " + firstLine(e.getMessage()));
            return;
        }
        if (body == null || !body.isObject()) {
            dead(event, headerId, "The source event is not a JSON object");
            return;
        }
        RouteMapping.Mapped mapped = route.mapping().map(body, event.headers(), event.sourceTime());
        if (mapped instanceof RouteMapping.Mapped.Unmappable unmappable) {
            dead(event, null, unmappable.reason());
            return;
        }
        RouteMapping.Mapped.Event mappedEvent = (RouteMapping.Mapped.Event) mapped;
        queue.addLast(new Queued(event, mappedEvent.sourceId(), mappedEvent.fields(), route.idField()));
        scheduleDrain(queue.size() >= MAX_EVENTS ? Duration.ZERO : linger);
    }

    /** Drains after {@code delay}, or sooner if a drain is already due sooner. */
    private void scheduleDrain(Duration delay) {
        if (stopped) {
            return;
        }
        long at = System.nanoTime() + Math.max(0, delay.toNanos());
        if (drainScheduled != null && !drainScheduled.isDone()) {
            if (drainAtNanos <= at) {
                return;
            }
            drainScheduled.cancel(false);
        }
        drainAtNanos = at;
        drainScheduled = thread.schedule(this::drainSafely, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void drainSafely() {
        drainScheduled = null; // this drain runs now: what it schedules is the next one
        try {
            drain();
        } catch (RuntimeException e) {
            LOG.warnf("Publishing to %s failed; trying again: %s", topic, e.getMessage());
            backOff();
        }
    }

    /** Sends the next publish, if nothing is in flight, nothing is held and something is due. */
    private void drain() {
        if (stopped || inFlight != null) {
            return;
        }
        long now = System.nanoTime();
        if (now < holdUntilNanos) {
            scheduleDrain(Duration.ofNanos(holdUntilNanos - now));
            return;
        }
        if (!uncertain.isEmpty()) {
            settleUncertain();
            if (!uncertain.isEmpty()) {
                return;
            }
        }
        List<Queued> batch = takeDue(now);
        if (batch.isEmpty()) {
            scheduleNextDue(now);
            return;
        }
        SalesforceSession current = session();
        List<Queued> encoded = encode(batch, current);
        TopicSchema.Current currentSchema = schema.current(current);
        List<Queued> claimed = claim(encoded, current);
        if (claimed.isEmpty()) {
            scheduleDrain(Duration.ZERO);
            return;
        }
        PublishAllocation.Grant grant = allocation.take(claimed.size()).await().atMost(CALL_TIMEOUT);
        if (grant.events() < claimed.size()) {
            List<Queued> waiting = claimed.subList(grant.events(), claimed.size());
            for (Queued queued : waiting) {
                ledger.release(queued.key(), queued.claim);
            }
            requeueFirst(waiting);
            held = true;
            holdUntilNanos = System.nanoTime() + grant.retryAfter().toNanos();
            LOG.infof(
                    "The hourly publishing allocation is spent to Governor's share: %s holds %d event(s) for %s",
                    topic, queue.size(), grant.retryAfter());
            claimed = new ArrayList<>(claimed.subList(0, grant.events()));
            if (claimed.isEmpty()) {
                scheduleDrain(grant.retryAfter());
                return;
            }
        } else {
            held = false;
        }
        send(claimed, currentSchema);
    }

    /** Up to a publish's worth of due events, at most one per source id (a copy waits for the first). */
    private List<Queued> takeDue(long now) {
        List<Queued> batch = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        List<Queued> later = new ArrayList<>();
        while (!queue.isEmpty() && batch.size() < MAX_EVENTS) {
            Queued next = queue.pollFirst();
            if (next.notBeforeNanos > now || !keys.add(next.key())) {
                later.add(next);
            } else {
                batch.add(next);
            }
        }
        requeueFirst(later);
        return batch;
    }

    private void scheduleNextDue(long now) {
        long next = Long.MAX_VALUE;
        for (Queued queued : queue) {
            next = Math.min(next, queued.notBeforeNanos);
        }
        if (next != Long.MAX_VALUE) {
            scheduleDrain(Duration.ofNanos(Math.max(0, next - now)));
        }
    }

    /**
     * Avro payloads under the current schema (all under one: an event that does not fit a schema asked
     * before the event came has the schema asked again, and the batch is encoded anew if it changed);
     * events that do not fit even the newest schema, or are too large, are dead.
     */
    private List<Queued> encode(List<Queued> batch, SalesforceSession current) {
        TopicSchema.Current used = schema.current(current);
        for (Queued queued : batch) {
            queued.payload = null;
            queued.unencodable = null;
            try {
                queued.payload =
                        EventEncoder.encode(used.schema(), queued.fields, current.userId(), queued.event.sourceTime());
            } catch (EventEncoder.Unencodable e) {
                queued.unencodable = e.getMessage();
                if (schema.recheckIfAskedBefore(queued.takenInNanos)
                        && !schema.current(current).id().equals(used.id())) {
                    return encode(batch, current);
                }
            }
        }
        List<Queued> encoded = new ArrayList<>(batch.size());
        int bytes = 0;
        List<Queued> next = new ArrayList<>();
        for (Queued queued : batch) {
            if (queued.payload == null) {
                dead(queued.event, queued.sourceId, queued.unencodable);
                continue;
            }
            if (queued.payload.length > MAX_EVENT_BYTES) {
                dead(
                        queued.event,
                        queued.sourceId,
                        "The event is " + queued.payload.length + " bytes encoded; a Platform Event may have at most "
                                + MAX_EVENT_BYTES);
                continue;
            }
            if (bytes + queued.payload.length > MAX_REQUEST_BYTES) {
                next.add(queued);
                continue;
            }
            bytes += queued.payload.length;
            encoded.add(queued);
        }
        requeueFirst(next);
        return encoded;
    }

    /** Claims the events; settles those already published, and abandoned claims after looking in Salesforce. */
    private List<Queued> claim(List<Queued> batch, SalesforceSession current) {
        List<Entry> entries = ledger.claim(batch.stream().map(Queued::key).toList(), anchor);
        List<Queued> claimed = new ArrayList<>(batch.size());
        Map<String, List<Queued>> abandonedByAnchor = new LinkedHashMap<>();
        Map<Queued, Entry.Abandoned> abandoned = new HashMap<>();
        List<Queued> busy = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Queued queued = batch.get(i);
            Entry entry = entries.get(i);
            if (entry instanceof Entry.Claimed c) {
                queued.claim = c.value();
                claimed.add(queued);
            } else if (entry instanceof Entry.Published) {
                settle(queued, new Outcome.Duplicate());
            } else if (entry instanceof Entry.Dead d) {
                Optional<Entry.Claimed> taken =
                        replayed(queued.event) ? ledger.takeOver(queued.key(), d.value(), anchor) : Optional.empty();
                if (taken.isPresent()) {
                    queued.claim = taken.get().value();
                    claimed.add(queued);
                } else {
                    settle(queued, new Outcome.Duplicate()); // dead-lettered before: not again
                }
            } else if (entry instanceof Entry.Dying d) {
                settleCutShortDeath(queued, d, claimed, busy);
            } else if (entry instanceof Entry.Abandoned a) {
                abandoned.put(queued, a);
                String anchorKey = a.anchor().map(B64::encodeToString).orElse("");
                abandonedByAnchor
                        .computeIfAbsent(anchorKey, k -> new ArrayList<>())
                        .add(queued);
            } else {
                busy.add(queued);
            }
        }
        for (List<Queued> group : abandonedByAnchor.values()) {
            Entry.Abandoned first = abandoned.get(group.get(0));
            Map<String, byte[]> found = search(group, first.anchor(), current);
            for (Queued queued : group) {
                byte[] replayId = found.get(queued.sourceId);
                if (replayId != null) {
                    ledger.published(List.of(queued.key()), List.of(replayId));
                    settle(queued, new Outcome.Duplicate());
                } else {
                    Optional<Entry.Claimed> taken =
                            ledger.takeOver(queued.key(), abandoned.get(queued).value(), anchor);
                    if (taken.isPresent()) {
                        queued.claim = taken.get().value();
                        claimed.add(queued);
                    } else {
                        busy.add(queued);
                    }
                }
            }
        }
        long retry = System.nanoTime() + Duration.ofMillis(250).toNanos();
        busy.forEach(q -> q.notBeforeNanos = retry);
        requeueLast(busy);
        return claimed;
    }

    /**
     * A holder stopped while dead-lettering this event: if the dead letter got onto the topic, the copy is a
     * duplicate; if not, the copy takes the event over and goes the same way (published, or dead-lettered).
     */
    private void settleCutShortDeath(Queued queued, Entry.Dying dying, List<Queued> claimed, List<Queued> busy) {
        try {
            if (deadEvents.holds(queued.event.route(), queued.sourceId, dying.since())) {
                ledger.markDead(queued.key());
                settle(queued, new Outcome.Duplicate());
                return;
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not look for a dead letter cut short (trying again): %s", e.getMessage());
            busy.add(queued);
            return;
        }
        Optional<Entry.Claimed> taken = ledger.takeOver(queued.key(), dying.value(), anchor);
        if (taken.isPresent()) {
            queued.claim = taken.get().value();
            claimed.add(queued);
        } else {
            busy.add(queued);
        }
    }

    private Map<String, byte[]> search(List<Queued> events, Optional<byte[]> from, SalesforceSession current) {
        Set<String> idFields = new HashSet<>();
        events.forEach(q -> idFields.add(q.idField));
        Map<String, byte[]> found = new HashMap<>();
        try {
            for (String idField : idFields) {
                Set<String> ids = new HashSet<>();
                events.stream().filter(q -> q.idField.equals(idField)).forEach(q -> ids.add(q.sourceId));
                found.putAll(finder.find(topic, from, idField, ids, current));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while looking for published events", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Looking for published events in " + topic + " took too long", e);
        }
        metrics.searched(events.size(), found.size());
        LOG.infof(
                "Looked in %s for %d event(s) whose publish went unanswered or was abandoned: %d were there already",
                topic, events.size(), found.size());
        return found;
    }

    private void send(List<Queued> batch, TopicSchema.Current current) {
        PublishRequest.Builder request = PublishRequest.newBuilder().setTopicName(topic);
        for (Queued queued : batch) {
            queued.correlationKey = UUID.nameUUIDFromBytes(
                            (queued.event.route() + "\n" + queued.sourceId).getBytes(StandardCharsets.UTF_8))
                    .toString();
            request.addEvents(ProducerEvent.newBuilder()
                    .setId(queued.correlationKey)
                    .setSchemaId(current.id())
                    .setPayload(ByteString.copyFrom(queued.payload)));
        }
        StreamObserver<PublishRequest> open = stream();
        inFlight = batch;
        inFlightAnchor = anchor;
        int generation = streamGeneration;
        open.onNext(request.build());
        thread.schedule(
                () -> {
                    if (inFlight == batch && generation == streamGeneration) {
                        streamFailed(generation, new IllegalStateException("no answer within " + CALL_TIMEOUT));
                    }
                },
                CALL_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void answered(int generation, PublishResponse response) {
        if (generation != streamGeneration || inFlight == null) {
            return;
        }
        List<Queued> batch = inFlight;
        inFlight = null;
        failures = 0;
        Map<String, Queued> byKey = new HashMap<>();
        batch.forEach(q -> byKey.put(q.correlationKey, q));
        List<Queued> published = new ArrayList<>();
        List<byte[]> replayIds = new ArrayList<>();
        for (PublishResult result : response.getResultsList()) {
            Queued queued = byKey.remove(result.getCorrelationKey());
            if (queued == null) {
                continue;
            }
            if (!result.hasError()) {
                published.add(queued);
                replayIds.add(result.getReplayId().toByteArray());
                continue;
            }
            refused(queued, result.getError().getMsg());
        }
        byKey.values().forEach(q -> requeueAfter(q, "Salesforce's answer did not mention the event"));
        if (!published.isEmpty()) {
            anchor = Optional.of(replayIds.get(replayIds.size() - 1));
            try {
                ledger.published(published.stream().map(Queued::key).toList(), replayIds);
                ledger.anchor(topic, anchor.get());
            } catch (RuntimeException e) {
                // The events are in Salesforce; a copy arriving later finds them there through its abandoned claim.
                LOG.warnf("Could not record %d published event(s) in Redis: %s", published.size(), e.getMessage());
            }
            for (int i = 0; i < published.size(); i++) {
                settle(published.get(i), new Outcome.Published(replayIds.get(i)));
            }
        }
        scheduleDrain(Duration.ZERO);
    }

    private void refused(Queued queued, String message) {
        ledger.release(queued.key(), queued.claim);
        switch (PublishRefusal.of(message)) {
            case SCHEMA_CHANGED -> {
                schema.changed();
                queued.attempts++;
                if (queued.attempts > maxAttempts) {
                    dead(queued.event, queued.sourceId, message);
                } else {
                    requeueFirst(List.of(queued));
                }
            }
            case ALLOCATION_SPENT -> {
                held = true;
                holdUntilNanos = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                requeueFirst(List.of(queued));
            }
            case PERMANENT -> dead(queued.event, queued.sourceId, message);
            case TRANSIENT -> requeueAfter(queued, message);
        }
    }

    private void requeueAfter(Queued queued, String reason) {
        queued.attempts++;
        if (queued.attempts >= maxAttempts) {
            dead(queued.event, queued.sourceId, "Refused " + queued.attempts + " times; last: " + reason);
            return;
        }
        queued.notBeforeNanos = System.nanoTime() + backoff(queued.attempts).toNanos();
        requeueLast(List.of(queued));
    }

    /** The stream broke or a publish went unanswered: what was in flight may or may not be in Salesforce. */
    private void streamFailed(int generation, Throwable failure) {
        if (generation != streamGeneration) {
            return;
        }
        LOG.warnf("The PublishStream to %s ended: %s", topic, PubSubFailure.describe(failure));
        if (PubSubFailure.of(failure) == PubSubFailure.AUTH) {
            session = null;
            sessions.renew().subscribe().with(s -> {}, e -> {});
        }
        closeStream();
        if (inFlight != null) {
            uncertain = inFlight;
            uncertainAnchor = inFlightAnchor;
            inFlight = null;
        }
        backOff();
    }

    /** Settles a publish whose answer never came: by looking for its events in Salesforce. */
    private void settleUncertain() {
        List<Queued> events = uncertain;
        Map<String, byte[]> found = search(events, uncertainAnchor, session());
        List<Queued> notFound = new ArrayList<>();
        for (Queued queued : events) {
            byte[] replayId = found.get(queued.sourceId);
            if (replayId != null) {
                ledger.published(List.of(queued.key()), List.of(replayId));
                settle(queued, new Outcome.Published(replayId));
            } else {
                ledger.release(queued.key(), queued.claim);
                notFound.add(queued);
            }
        }
        uncertain = List.of();
        requeueFirst(notFound);
    }

    private void backOff() {
        failures++;
        Duration wait = backoff(failures);
        holdUntilNanos = System.nanoTime() + wait.toNanos();
        scheduleDrain(wait);
    }

    private static Duration backoff(int attempt) {
        long millis = 500L << Math.min(attempt - 1, 10);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    private SalesforceSession session() {
        if (session == null) {
            session = sessions.current().await().atMost(CALL_TIMEOUT);
        }
        return session;
    }

    private StreamObserver<PublishRequest> stream() {
        if (stream == null) {
            int generation = ++streamGeneration;
            stream = client.publishStream(session(), new StreamObserver<>() {
                @Override
                public void onNext(PublishResponse response) {
                    onThread(() -> answered(generation, response));
                }

                @Override
                public void onError(Throwable failure) {
                    onThread(() -> streamFailed(generation, failure));
                }

                @Override
                public void onCompleted() {
                    // Salesforce closes an idle stream; a publish still in flight on it is uncertain.
                    onThread(() -> {
                        if (generation == streamGeneration) {
                            if (inFlight != null) {
                                streamFailed(generation, new IllegalStateException("stream closed"));
                            } else {
                                stream = null;
                            }
                        }
                    });
                }
            });
        }
        return stream;
    }

    /** Runs a stream callback on the publisher's thread, unless the publisher has stopped. */
    private void onThread(Runnable callback) {
        if (!stopped) {
            try {
                thread.execute(callback);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debugf("A stream callback came after %s's publisher stopped", topic);
            }
        }
    }

    private void closeStream() {
        if (stream != null) {
            try {
                stream.onCompleted();
            } catch (RuntimeException ignored) {
                // already broken
            }
            stream = null;
        }
        streamGeneration++;
    }

    private void requeueFirst(List<Queued> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            queue.addFirst(events.get(i));
        }
    }

    private void requeueLast(List<Queued> events) {
        events.forEach(queue::addLast);
        if (!events.isEmpty()) {
            scheduleNextDue(System.nanoTime());
        }
    }

    private void settle(Queued queued, Outcome outcome) {
        metrics.settled(queued.event, outcome);
        queued.event.settled().complete(outcome);
    }

    /**
     * Dead-letters the event, trying again while Kafka cannot take it: it is never dropped. A copy of an
     * event already dead-lettered (its source sent it again) is not dead-lettered twice, unless it is an
     * operator's replay.
     */
    private void dead(OutboundEvent event, String sourceId, String reason) {
        String key = sourceId == null ? null : PublishLedger.key(event.route(), sourceId);
        try {
            Death death = key == null || replayed(event) ? new Death.None() : ledger.death(key);
            if (death instanceof Death.Elsewhere) {
                if (!stopped) {
                    thread.schedule(() -> dead(event, sourceId, reason), 1, TimeUnit.SECONDS); // see how it ends
                }
                return;
            }
            if (death instanceof Death.Done
                    || (death instanceof Death.Abandoned a && deadEvents.holds(event.route(), sourceId, a.since()))) {
                if (!(death instanceof Death.Done)) {
                    ledger.markDead(key);
                }
                metrics.settled(event, new Outcome.Duplicate());
                event.settled().complete(new Outcome.Duplicate());
                return;
            }
            if (key != null) {
                ledger.dying(key); // a copy that finds this cut short looks on the topic before writing again
            }
            deadEvents.send(event, sourceId, reason);
        } catch (RuntimeException e) {
            LOG.warnf("Could not dead-letter an event from %s (trying again): %s", event.origin(), e.getMessage());
            if (!stopped) {
                thread.schedule(() -> dead(event, sourceId, reason), 1, TimeUnit.SECONDS);
            }
            return;
        }
        if (key != null) {
            try {
                ledger.markDead(key);
            } catch (RuntimeException e) {
                LOG.warnf(
                        "Could not record a dead event in Redis (a copy would be dead-lettered again): %s",
                        e.getMessage());
            }
        }
        metrics.settled(event, new Outcome.Dead(reason));
        event.settled().complete(new Outcome.Dead(reason));
    }

    private static boolean replayed(OutboundEvent event) {
        return event.headers().containsKey(DeadEventReplayer.REPLAYED_FROM);
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
