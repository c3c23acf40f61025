package dev.governor.delivery.writing;

import dev.governor.delivery.config.DeliveryConfig;
import dev.governor.delivery.control.DeliveryControl;
import dev.governor.salesforce.api.SalesforceClient;
import dev.governor.salesforce.limits.BudgetExhaustedException;
import dev.governor.salesforce.limits.LimitGuard;
import dev.governor.salesforce.limits.LimitGuardBusyException;
import dev.governor.salesforce.limits.Permit;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes waiting for a Salesforce call, one lane per collection (object and External ID field). A lane
 * with writes waiting asks the limit guard for a call at once (one request at a time, so replicas and
 * lanes take turns in the limit guard's queue); when the call is granted, it carries every write waiting
 * by then, up to 200 records, oldest first. When calls are plentiful, a granted call lingers until its
 * oldest write has waited {@link DeliveryConfig#linger()}, so a trickle still fills collections instead
 * of spending a call per record. A record being written is not taken again until its call has settled,
 * so its versions keep their order. Each write's settlement is published when its own call answers, and
 * a batch from Kafka completes once all its writes are settled.
 */
@ApplicationScoped
public class CollectionQueue {

    private final CollectionWriter writer;
    private final SettlementSink settlements;
    private final LimitGuard limitGuard;
    private final DeliveryControl control;
    private final DeliveryConfig config;

    private final Map<String, Lane> lanes = new HashMap<>();
    private final Set<String> recordsInFlight = new HashSet<>();
    private final Map<PendingWrite, Batch> batchOf = new IdentityHashMap<>();
    private final List<CompletableFuture<Void>> waitingForRoom = new ArrayList<>();
    private int held;

    public CollectionQueue(
            CollectionWriter writer,
            SettlementSink settlements,
            LimitGuard limitGuard,
            DeliveryControl control,
            DeliveryConfig config,
            MeterRegistry metrics) {
        Gauge.builder("governor_delivery_held_writes", this, CollectionQueue::held)
                .description("Writes delivery holds in memory, waiting for a call or in flight")
                .register(metrics);
        this.writer = writer;
        this.settlements = settlements;
        this.limitGuard = limitGuard;
        this.control = control;
        this.config = config;
    }

    /** One batch from Kafka: done once every one of its writes is settled and published. */
    private static final class Batch {
        private int unsettled;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        Batch(int writes) {
            this.unsettled = writes;
        }
    }

    /** A write and when it joined the queue ({@link System#nanoTime()}). */
    record Waiting(PendingWrite write, long since) {}

    private static final class Lane {
        private final String key;
        private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
        private boolean asking;

        Lane(String key) {
            this.key = key;
        }
    }

    /**
     * Queues the writes; the answer completes once every one of them is settled and its settlement
     * published, or fails if writing or publishing failed.
     */
    public Uni<Void> submit(List<PendingWrite> writes) {
        if (writes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Batch batch = new Batch(writes.size());
        Set<Lane> touched = new LinkedHashSet<>();
        long now = System.nanoTime();
        synchronized (this) {
            for (PendingWrite write : writes) {
                Lane lane = lanes.computeIfAbsent(write.collectionKey(), Lane::new);
                lane.waiting.add(new Waiting(write, now));
                batchOf.put(write, batch);
                touched.add(lane);
            }
            held += writes.size();
        }
        touched.forEach(this::askIfWaiting);
        return Uni.createFrom().completionStage(batch.done);
    }

    /** Completes once the queue holds fewer writes than its capacity: the consumer may fetch more. */
    public Uni<Void> room() {
        CompletableFuture<Void> room = new CompletableFuture<>();
        synchronized (this) {
            if (held < config.queueCapacity()) {
                return Uni.createFrom().voidItem();
            }
            waitingForRoom.add(room);
        }
        return Uni.createFrom().completionStage(room);
    }

    /** Writes held now, waiting or in flight. */
    public synchronized int held() {
        return held;
    }

    /**
     * Asks the limit guard for the lane's next call if writes that could go in one are waiting and no request is out.
     */
    private void askIfWaiting(Lane lane) {
        synchronized (this) {
            if (lane.asking
                    || lane.waiting.stream()
                            .allMatch(w -> recordsInFlight.contains(w.write().recordKey()))) {
                return;
            }
            lane.asking = true;
        }
        ask(lane);
    }

    private void ask(Lane lane) {
        if (control.isPausedFor(DeliveryControl.Reason.OPERATOR)) {
            // An operator's pause stops calls, not only fetches: look again in a moment.
            Uni.createFrom()
                    .voidItem()
                    .onItem()
                    .delayIt()
                    .by(Duration.ofMillis(500))
                    .subscribe()
                    .with(ignored -> ask(lane), failure -> ask(lane));
            return;
        }
        limitGuard.acquire().subscribe().with(permit -> granted(lane, permit), failure -> notGranted(lane, failure));
    }

    private void notGranted(Lane lane, Throwable failure) {
        if (failure instanceof LimitGuardBusyException) {
            ask(lane);
            return;
        }
        if (!(failure instanceof BudgetExhaustedException)) {
            Log.warnf("The limit guard could not be asked for a call: %s", failure.getMessage());
        }
        writer.holdFor(failure).subscribe().with(ignored -> ask(lane), e -> ask(lane));
    }

    private void granted(Lane lane, Permit permit) {
        long lingerLeft;
        synchronized (this) {
            long oldest = Long.MAX_VALUE;
            Set<String> records = new HashSet<>();
            for (Waiting w : lane.waiting) {
                if (!recordsInFlight.contains(w.write().recordKey())) {
                    oldest = Math.min(oldest, w.since());
                    records.add(w.write().recordKey());
                }
            }
            long waited = oldest == Long.MAX_VALUE ? 0 : System.nanoTime() - oldest;
            lingerLeft = records.size() >= SalesforceClient.MAX_COLLECTION_SIZE
                    ? 0
                    : config.linger().toNanos() - waited;
        }
        // Timers take whole milliseconds (Vert.x refuses less than one): a linger shorter than that goes now.
        long lingerMillis = TimeUnit.NANOSECONDS.toMillis(lingerLeft);
        if (lingerMillis >= 1) {
            Uni.createFrom()
                    .voidItem()
                    .onItem()
                    .delayIt()
                    .by(Duration.ofMillis(lingerMillis))
                    .subscribe()
                    .with(ignored -> send(lane, permit), failure -> send(lane, permit));
        } else {
            send(lane, permit);
        }
    }

    /** Takes what the granted call can carry, asks for the lane's next call, and writes. */
    private void send(Lane lane, Permit permit) {
        List<PendingWrite> chunk = take(lane);
        askIfWaiting(lane);
        if (chunk.isEmpty()) {
            permit.release().subscribe().with(ignored -> {});
            return;
        }
        writer.write(chunk, permit)
                .flatMap(settled -> settlements.publish(settled).replaceWith(settled))
                .subscribe()
                .with(settled -> settled(lane, chunk, null), failure -> settled(lane, chunk, failure));
    }

    /** The oldest waiting writes of up to 200 records not in flight, every waiting version of each, in order. */
    private synchronized List<PendingWrite> take(Lane lane) {
        lane.asking = false;
        List<PendingWrite> chunk = takeOldest(lane.waiting, recordsInFlight, SalesforceClient.MAX_COLLECTION_SIZE);
        chunk.forEach(write -> recordsInFlight.add(write.recordKey()));
        return chunk;
    }

    /**
     * Takes from {@code waiting}, oldest first, the writes of at most {@code maxRecords} records none of
     * which is in flight — every waiting version of each, so they go folded — and leaves the rest in order.
     */
    static List<PendingWrite> takeOldest(ArrayDeque<Waiting> waiting, Set<String> inFlight, int maxRecords) {
        Set<String> chosen = new LinkedHashSet<>();
        List<PendingWrite> chunk = new ArrayList<>();
        ArrayDeque<Waiting> left = new ArrayDeque<>();
        for (Waiting w : waiting) {
            String record = w.write().recordKey();
            boolean fits = chosen.contains(record) || chosen.size() < maxRecords;
            if (!inFlight.contains(record) && fits) {
                chosen.add(record);
                chunk.add(w.write());
            } else {
                left.add(w);
            }
        }
        waiting.clear();
        waiting.addAll(left);
        return chunk;
    }

    private void settled(Lane lane, List<PendingWrite> chunk, Throwable failure) {
        List<Batch> done = new ArrayList<>();
        List<CompletableFuture<Void>> room = new ArrayList<>();
        synchronized (this) {
            for (PendingWrite write : chunk) {
                recordsInFlight.remove(write.recordKey());
                Batch batch = batchOf.remove(write);
                if (batch != null && (--batch.unsettled == 0 || failure != null)) {
                    done.add(batch);
                }
            }
            held -= chunk.size();
            if (held < config.queueCapacity()) {
                room.addAll(waitingForRoom);
                waitingForRoom.clear();
            }
        }
        for (Batch batch : done) {
            if (failure == null) {
                batch.done.complete(null);
            } else {
                batch.done.completeExceptionally(failure);
            }
        }
        room.forEach(r -> r.complete(null));
        askIfWaiting(lane);
    }
}
