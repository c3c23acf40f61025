package dev.governor.simulator.pubsub;

import com.salesforce.eventbus.protobuf.FetchResponse;
import dev.governor.simulator.SimulatorClock;
import dev.governor.simulator.SimulatorConfig;
import dev.governor.simulator.auth.Session;
import dev.governor.simulator.auth.Sessions;
import dev.governor.simulator.events.BusEvent;
import dev.governor.simulator.events.EventBus;
import dev.governor.simulator.events.Topic;
import dev.governor.simulator.events.Topics;
import dev.governor.simulator.limits.OrgLimits;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The open Pub/Sub API streams: Subscribe streams woken when their topic gets events, and PublishStreams.
 * One timer ticks them all for keepalives, idle closes and ended sessions, so a revoked session breaks
 * open streams as it breaks REST calls. The admin API reads and drops them from here.
 */
@ApplicationScoped
public class Subscriptions {

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final Set<PublishStream> publishStreams = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> deliveredByClient = new ConcurrentHashMap<>();
    private final EventBus bus;
    private final Topics topics;
    private final Sessions sessions;
    private final OrgLimits limits;
    private final StreamFaults faults;
    private final SimulatorClock clock;
    private final SimulatorConfig.PubSub config;
    private final Vertx vertx;
    private long timer = -1;

    public Subscriptions(
            EventBus bus,
            Topics topics,
            Sessions sessions,
            OrgLimits limits,
            StreamFaults faults,
            SimulatorClock clock,
            SimulatorConfig config,
            Vertx vertx) {
        this.bus = bus;
        this.topics = topics;
        this.sessions = sessions;
        this.limits = limits;
        this.faults = faults;
        this.clock = clock;
        this.config = config.pubsub();
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent started) {
        bus.onPublished(this::wake);
        timer = vertx.setPeriodic(config.tick().toMillis(), id -> tick());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    Subscription open(ServerCallStreamObserver<FetchResponse> out, Session session, String rpcId) {
        Subscription subscription = new Subscription(out, this, session, rpcId, clock.now());
        subscriptions.add(subscription);
        return subscription;
    }

    void opened(PublishStream stream) {
        publishStreams.add(stream);
    }

    void closed(PublishStream stream) {
        publishStreams.remove(stream);
    }

    void remove(Subscription subscription) {
        subscriptions.remove(subscription);
    }

    /** Ends every open stream with {@code service.unavailable}, as an outage of the service would. */
    public int dropAll(String rpcId) {
        int dropped = 0;
        for (Subscription subscription : List.copyOf(subscriptions)) {
            subscription.fail(unavailable(rpcId));
            dropped++;
        }
        for (PublishStream stream : List.copyOf(publishStreams)) {
            stream.fail(unavailable(rpcId));
            dropped++;
        }
        return dropped;
    }

    /** What is open now: each subscription with its topic, outstanding request and delivered count. */
    public List<Subscription.View> views() {
        return subscriptions.stream().map(Subscription::view).toList();
    }

    public int openPublishStreams() {
        return publishStreams.size();
    }

    /** Events delivered to each connected app's subscriptions since the last reset. */
    public Map<String, Long> deliveredByClient() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        deliveredByClient.forEach((client, count) -> counts.put(client, count.sum()));
        return counts;
    }

    public void reset() {
        dropAll("reset");
        deliveredByClient.clear();
    }

    Optional<Session> liveSession(String token) {
        return sessions.find(token);
    }

    Optional<Topic> topic(String name) {
        return topics.find(name);
    }

    long latestReplayId() {
        return bus.latestReplayId();
    }

    long evictedThrough(Topic topic) {
        return bus.evictedThrough(topic.name());
    }

    List<BusEvent> eventsAfter(Topic topic, long replayId, int max) {
        return bus.after(topic.name(), replayId, max);
    }

    boolean stalled(Topic topic) {
        return faults.stalled(topic.name());
    }

    boolean spendDeliveryAllocation(int events) {
        return limits.tryDeliverEvents(events);
    }

    int maxRequested() {
        return config.maxRequestedEvents();
    }

    void countDelivered(String clientId, int events) {
        deliveredByClient.computeIfAbsent(clientId, c -> new LongAdder()).add(events);
    }

    private void wake(List<String> channels) {
        for (Subscription subscription : subscriptions) {
            String topic = subscription.topicName();
            if (topic != null && channels.contains(topic)) {
                subscription.drain();
            }
        }
    }

    private void tick() {
        long now = System.nanoTime();
        long keepalive = config.keepaliveInterval().toNanos();
        long idle = config.idleTimeout().toNanos();
        for (Subscription subscription : subscriptions) {
            subscription.tick(now, keepalive, idle);
        }
        long publishIdle = config.publishStreamIdleTimeout().toNanos();
        for (PublishStream stream : publishStreams) {
            stream.tick(now, publishIdle);
        }
    }

    private static StatusRuntimeException unavailable(String rpcId) {
        return PubSubError.UNAVAILABLE.exception("The Pub/Sub API is unavailable; retry later", rpcId);
    }
}
