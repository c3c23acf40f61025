package dev.governor.eventbridge.inbound;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import dev.governor.eventbridge.config.BridgeConfig;
import dev.governor.eventbridge.lease.Lease;
import dev.governor.salesforce.auth.SalesforceSession;
import dev.governor.salesforce.auth.SalesforceSessions;
import dev.governor.salesforce.pubsub.EventPayloads;
import dev.governor.salesforce.pubsub.PubSubClient;
import dev.governor.salesforce.pubsub.PubSubFailure;
import dev.governor.service.kafka.KafkaSettings;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * One subscription's relay from a Salesforce channel into Kafka, exactly once: the events of each
 * FetchResponse and the replay id after them are written in one Kafka transaction, and only then are more
 * events requested, so at most {@code outstanding} events are ever in flight and a crash at any point
 * resumes from the last committed checkpoint with nothing lost (Salesforce sends the uncommitted events
 * again) and nothing doubled (their earlier copies were aborted). The transactional id is the
 * subscription's: a second relay of the same subscription fences the first, which then cannot write.
 *
 * <p>Everything runs on the relay's own thread (Kafka commits block); stream callbacks hop onto it and are
 * dropped if they belong to a stream the relay has since replaced, so a replaced stream never writes.
 */
final class ChannelRelay {

    private static final Logger LOG = Logger.getLogger(ChannelRelay.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ALLOCATION_PAUSE = Duration.ofMinutes(1);

    private final String name;
    private final BridgeConfig.Subscription subscription;
    private final BridgeConfig config;
    private final PubSubClient client;
    private final SalesforceSessions sessions;
    private final Checkpoints checkpoints;
    private final Map<String, Object> kafka;
    private final ScheduledExecutorService thread;
    private final AtomicLong relayed = new AtomicLong();
    private final Counter gaps;
    private final MeterRegistry metrics;

    private KafkaProducer<String, byte[]> producer;
    private SalesforceSession session;
    private StreamObserver<FetchRequest> requests;
    private byte[] position; // the committed replay id; null before the first commit of a fresh subscription
    private Instant positionCommittedAt;
    private ReplayPreset startAfterGap; // where to start once a lost position was recorded; null otherwise
    private long lastHeardNanos = System.nanoTime();
    private boolean watching;
    private int stream; // which stream's callbacks are current
    private int failures;
    private final Lease lease;
    private volatile boolean started; // between start() and stop(): competing for the lead
    private volatile boolean leading; // holds the lease, so relays
    private volatile boolean running; // relaying: leading, and not stopped by fencing or the gap policy
    private volatile boolean fenced;
    private volatile boolean paused; // the delivery allocation is spent
    private volatile boolean failedByPolicy; // a gap under the FAIL policy: waits for an operator

    ChannelRelay(
            String name,
            BridgeConfig.Subscription subscription,
            BridgeConfig config,
            PubSubClient client,
            SalesforceSessions sessions,
            Checkpoints checkpoints,
            Map<String, Object> kafka,
            MeterRegistry metrics,
            Lease lease) {
        this.name = name;
        this.lease = lease;
        this.metrics = metrics;
        this.gaps = Counter.builder("governor.bridge.inbound.gaps")
                .description("Gaps a subscription recorded: positions Salesforce no longer had, and GAP_* events")
                .tag("subscription", name)
                .register(metrics);
        this.subscription = subscription;
        this.config = config;
        this.client = client;
        this.sessions = sessions;
        this.checkpoints = checkpoints;
        this.kafka = kafka;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bridge-relay-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    String name() {
        return name;
    }

    long relayed() {
        return relayed.get();
    }

    boolean fenced() {
        return fenced;
    }

    boolean paused() {
        return paused;
    }

    boolean failedByPolicy() {
        return failedByPolicy;
    }

    boolean leading() {
        return leading;
    }

    /** Competes for the subscription's lease; relays while it holds it. */
    void start() {
        started = true;
        long every = Math.max(100, config.lease().toMillis() / 3);
        thread.scheduleWithFixedDelay(this::lead, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop() {
        started = false;
        thread.execute(() -> {
            yieldLead();
            try {
                lease.release();
            } catch (RuntimeException e) {
                LOG.debugf("Subscription %s: could not release the lease (%s); it lapses", name, e.getMessage());
            }
        });
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes the lead when the lease is free, keeps it by renewing, and stops relaying when it is lost. */
    private void lead() {
        if (!started) {
            return;
        }
        boolean holds;
        try {
            holds = lease.hold();
        } catch (RuntimeException e) {
            holds = false; // Redis cannot confirm the lead: relaying on would risk two relays
            LOG.warnf("Subscription %s: the lease cannot be checked (%s)", name, e.getMessage());
        }
        if (holds && !leading && !failedByPolicy) {
            LOG.infof("Subscription %s: this replica (%s) takes the lead", name, lease.holder());
            leading = true;
            running = true;
            fenced = false;
            failures = 0;
            open();
        } else if (!holds && leading) {
            LOG.warnf("Subscription %s: the lead passed to another replica; stopping", name);
            yieldLead();
        }
    }

    /** Stops relaying: the stream is cancelled and the producer closed, so nothing more is committed. */
    private void yieldLead() {
        leading = false;
        running = false;
        cancelStream();
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /** Opens the transactional producer, reads the checkpoint and subscribes from it. */
    private void open() {
        if (!running) {
            return;
        }
        try {
            checkpoints.ensureTopic();
            if (producer == null) {
                producer = newProducer();
                producer.initTransactions();
            }
            Checkpoint checkpoint = checkpoints.latest(name).orElse(null);
            position = checkpoint == null ? null : checkpoint.replayId();
            positionCommittedAt = checkpoint == null ? null : checkpoint.committedAt();
            watch();
            subscribe();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (producer != null) {
                producer.close(Duration.ZERO);
                producer = null;
            }
            retryLater("could not open", e, this::open);
        }
    }

    private void subscribe() {
        cancelStream();
        int current = ++stream;
        if (session == null) {
            session = sessions.current().await().atMost(CALL_TIMEOUT);
        }
        requests = client.subscribe(session, new Listener(current));
        FetchRequest.Builder first = FetchRequest.newBuilder()
                .setTopicName(subscription.channel())
                .setNumRequested(subscription.outstanding());
        if (position != null) {
            first.setReplayPreset(ReplayPreset.CUSTOM).setReplayId(ByteString.copyFrom(position));
        } else if (startAfterGap != null) {
            first.setReplayPreset(startAfterGap);
        } else {
            first.setReplayPreset(
                    subscription.start() == BridgeConfig.Start.LATEST ? ReplayPreset.LATEST : ReplayPreset.EARLIEST);
        }
        lastHeardNanos = System.nanoTime();
        requests.onNext(first.build());
        LOG.infof(
                "Subscription %s: subscribed to %s %s",
                name,
                subscription.channel(),
                position == null
                        ? "from " + subscription.start()
                        : "after " + Base64.getEncoder().encodeToString(position));
    }

    private void handle(FetchResponse response) {
        lastHeardNanos = System.nanoTime();
        paused = false;
        if (response.getEventsCount() == 0) {
            byte[] latest = response.getLatestReplayId().toByteArray();
            if (latest.length > 0 && !Arrays.equals(latest, position)) {
                commit(List.of(), latest); // a keepalive's position: a restart need not replay from further back
            }
            return;
        }
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(response.getEventsCount());
        int gapEvents = 0;
        for (ConsumerEvent consumed : response.getEventsList()) {
            RelayedEvents.Event event = decode(consumed);
            ProducerRecord<String, byte[]> record =
                    RelayedEvents.record(subscription.topic(), session.orgId(), subscription.channel(), event);
            records.add(record);
            String changeType =
                    event.payload().path("ChangeEventHeader").path("changeType").asText("");
            if (changeType.startsWith("GAP_")) {
                record.headers().add(RelayedEvents.GAP, "true".getBytes(StandardCharsets.UTF_8));
                records.add(Gaps.gapEvent(
                        config.gapTopic(),
                        name,
                        subscription.channel(),
                        event.eventUuid(),
                        changeType,
                        event.payload()
                                .path("ChangeEventHeader")
                                .path("entityName")
                                .asText()));
                gapEvents++;
            }
        }
        byte[] last =
                response.getEvents(response.getEventsCount() - 1).getReplayId().toByteArray();
        if (commit(records, last)) {
            relayed.addAndGet(response.getEventsCount());
            gaps.increment(gapEvents);
            failures = 0;
            requests.onNext(FetchRequest.newBuilder()
                    .setNumRequested(response.getEventsCount())
                    .build());
        }
    }

    private RelayedEvents.Event decode(ConsumerEvent consumed) {
        var event = consumed.getEvent();
        Schema schema = client.schema(event.getSchemaId(), session).await().atMost(CALL_TIMEOUT);
        ObjectNode payload;
        try {
            payload = EventPayloads.toJson(schema, event.getPayload().toByteArray());
        } catch (EventPayloads.UnreadablePayload e) {
            // Nothing is dropped: the bytes go on, flagged, for a consumer to look at.
            payload = JsonNodeFactory.instance
                    .objectNode()
                    .put("undecodable", e.getMessage())
                    .put(
                            "payloadBase64",
                            Base64.getEncoder()
                                    .encodeToString(event.getPayload().toByteArray()));
        }
        return new RelayedEvents.Event(
                event.getId(), consumed.getReplayId().toByteArray(), event.getSchemaId(), schema.getName(), payload);
    }

    /** Writes the events and the checkpoint after them in one transaction; false if it did not commit. */
    private boolean commit(List<ProducerRecord<String, byte[]>> records, byte[] replayId) {
        try {
            producer.beginTransaction();
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record);
            }
            producer.send(checkpoints.record(name, subscription.channel(), replayId, Instant.now()));
            producer.commitTransaction();
            position = replayId;
            positionCommittedAt = Instant.now();
            startAfterGap = null;
            return true;
        } catch (ProducerFencedException e) {
            fenced = true;
            LOG.warnf("Subscription %s: another relay took it over (this producer is fenced); stopping", name);
            yieldLead();
            return false;
        } catch (KafkaException e) {
            try {
                producer.abortTransaction();
            } catch (KafkaException abort) {
                producer.close(Duration.ZERO);
                producer = null;
            }
            retryLater("could not commit to Kafka", e, this::open);
            return false;
        }
    }

    private void failed(Throwable failure) {
        cancelStream();
        PubSubFailure kind = PubSubFailure.of(failure);
        switch (kind) {
            case AUTH -> {
                session = null; // the next subscribe gets a new session; the position is kept
                if (failures++ == 0) {
                    sessions.renew().await().atMost(CALL_TIMEOUT);
                    thread.execute(this::resubscribe);
                } else {
                    retryLater("the session was refused", failure, this::resubscribe);
                }
            }
            case REPLAY_ID_OUT_OF_RETENTION, REPLAY_ID_INVALID -> positionLost(failure);
            case ALLOCATION_SPENT -> {
                paused = true;
                LOG.warnf("Subscription %s: the org's event delivery allocation is spent; pausing", name);
                thread.schedule(this::resubscribe, ALLOCATION_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
            }
            default -> retryLater(PubSubFailure.describe(failure), failure, this::resubscribe);
        }
    }

    /**
     * Salesforce no longer has the checkpoint's position: events after it may be lost. Records the gap
     * (with the span it covers), then applies the subscription's policy.
     */
    private void positionLost(Throwable failure) {
        BridgeConfig.GapPolicy policy = subscription.gapPolicy();
        Checkpoint lost =
                position == null ? null : new Checkpoint(name, subscription.channel(), position, positionCommittedAt);
        String reason = PubSubFailure.describe(failure);
        LOG.warnf(
                "Subscription %s: Salesforce no longer has its position (%s); events after it may be lost."
                        + " Gap recorded; policy %s",
                name, reason, policy);
        try {
            producer.beginTransaction();
            producer.send(
                    Gaps.lostPosition(config.gapTopic(), name, subscription.channel(), lost, reason, policy.name()));
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            fenced = true;
            running = false;
            return;
        } catch (KafkaException e) {
            retryLater("could not record the gap", e, () -> positionLost(failure));
            return;
        }
        gaps.increment();
        if (policy == BridgeConfig.GapPolicy.FAIL) {
            failedByPolicy = true;
            running = false;
            LOG.errorf("Subscription %s: stopped by its gap policy (FAIL) until an operator restarts it", name);
            return;
        }
        position = null;
        startAfterGap = policy == BridgeConfig.GapPolicy.LATEST ? ReplayPreset.LATEST : ReplayPreset.EARLIEST;
        thread.execute(this::resubscribe);
    }

    /** The watchdog: a stream silent past the limit (no events, no keepalives) is replaced. */
    private void watch() {
        if (watching) {
            return;
        }
        watching = true;
        long every = Math.max(100, config.watchdog().toMillis() / 4);
        thread.scheduleWithFixedDelay(this::checkSilence, every, every, TimeUnit.MILLISECONDS);
    }

    private void checkSilence() {
        if (running
                && requests != null
                && !paused
                && System.nanoTime() - lastHeardNanos > config.watchdog().toNanos()) {
            LOG.warnf(
                    "Subscription %s: nothing from Salesforce for over %s (no events, no keepalive);"
                            + " subscribing again from the checkpoint",
                    name, config.watchdog());
            metrics.counter("governor.bridge.inbound.resubscriptions", "subscription", name, "reason", "watchdog")
                    .increment();
            resubscribe();
        }
    }

    private void resubscribe() {
        if (!running) {
            return;
        }
        try {
            subscribe();
        } catch (RuntimeException e) {
            retryLater("could not subscribe", e, this::resubscribe);
        }
    }

    private void retryLater(String why, Throwable failure, Runnable action) {
        if (!running) {
            return;
        }
        long delay = Math.min(config.maxBackoff().toMillis(), 1000L << Math.min(failures++, 10));
        LOG.warnf("Subscription %s: %s (%s); trying again in %d ms", name, why, failure.getMessage(), delay);
        thread.schedule(action, delay, TimeUnit.MILLISECONDS);
    }

    /** Ends the current stream, so a replaced stream is never left open beside the new one. */
    private void cancelStream() {
        stream++;
        if (requests != null) {
            try {
                requests.onError(
                        Status.CANCELLED.withDescription("resubscribing").asRuntimeException());
            } catch (RuntimeException alreadyClosed) {
                // the stream ended on its own
            }
            requests = null;
        }
    }

    private KafkaProducer<String, byte[]> newProducer() {
        Map<String, Object> settings = KafkaSettings.connection(kafka);
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "governor-bridge-" + name);
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "governor-bridge-" + name);
        return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    /** Moves a stream's callbacks onto the relay's thread, and drops those of a replaced stream. */
    private final class Listener implements StreamObserver<FetchResponse> {
        private final int id;

        Listener(int id) {
            this.id = id;
        }

        @Override
        public void onNext(FetchResponse response) {
            run(() -> handle(response));
        }

        @Override
        public void onError(Throwable failure) {
            run(() -> failed(failure));
        }

        @Override
        public void onCompleted() {
            run(ChannelRelay.this::resubscribe); // the server closed an idle stream
        }

        private void run(Runnable action) {
            if (!running) {
                return;
            }
            thread.execute(() -> {
                if (running && stream == id) {
                    try {
                        action.run();
                    } catch (RuntimeException e) {
                        failed(e);
                    }
                }
            });
        }
    }
}
