package dev.governor.eventbridge.outbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.eventbridge.config.BridgeConfig;
import dev.governor.salesforce.auth.SalesforceSessions;
import dev.governor.salesforce.limits.PublishAllocation;
import dev.governor.salesforce.pubsub.PubSubClient;
import dev.governor.service.redis.RedisMode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Every configured route, and a publisher for each Platform Event they target: sources hand their events
 * here and wait for {@link #room(String)} between batches. Routes are checked when the service starts, so
 * a route that cannot work (no id, an MQTT route reading its id from a header) stops the start with its
 * reason instead of dead-lettering every event.
 */
@ApplicationScoped
public class Outbound {

    private final Map<String, BridgeConfig.Route> routes;
    private final DeadEvents deadEvents;
    private final Map<String, EventPublisher> publisherOfRoute = new HashMap<>();
    private final Map<String, EventPublisher> publishers = new HashMap<>();

    public Outbound(
            BridgeConfig config,
            PubSubClient client,
            SalesforceSessions sessions,
            RedisDataSource redis,
            ReactiveRedisDataSource reactiveRedis,
            PublishAllocation allocation,
            DeadEvents deadEvents,
            OutboundMetrics metrics,
            ObjectMapper json,
            MeterRegistry registry,
            RedisMode redisMode) {
        this.routes = Map.copyOf(config.routes());
        this.deadEvents = deadEvents;
        String holder = hostname() + "-" + UUID.randomUUID().toString().substring(0, 8);
        PublishLedger ledger = new PublishLedger(
                redis,
                reactiveRedis.getRedis(),
                holder,
                config.outbound().dedupTtl(),
                config.outbound().claimTimeout(),
                redisMode.cluster());
        Map<String, Map<String, EventPublisher.Route>> byTopic = new HashMap<>();
        config.routes().forEach((name, route) -> {
            if (route.source() == BridgeConfig.Source.MQTT && route.idHeader().isPresent()) {
                throw new IllegalArgumentException("Route " + name + " reads MQTT, which has no headers: give its id"
                        + " as governor.bridge.routes." + name + ".id-pointer");
            }
            RouteMapping mapping;
            try {
                mapping = new RouteMapping(
                        route.fields(),
                        route.constants(),
                        route.timestampField(),
                        route.idHeader(),
                        route.idPointer(),
                        Optional.of(route.idField()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Route " + name + ": " + e.getMessage(), e);
            }
            byTopic.computeIfAbsent("/event/" + route.event(), t -> new HashMap<>())
                    .put(name, new EventPublisher.Route(name, mapping, route.idField()));
        });
        byTopic.forEach((topic, topicRoutes) -> {
            EventPublisher publisher = new EventPublisher(
                    topic,
                    topicRoutes,
                    client,
                    sessions,
                    ledger,
                    allocation,
                    deadEvents,
                    metrics,
                    json,
                    config.outbound().linger(),
                    config.outbound().maxAttempts(),
                    config.outbound().maxQueued());
            publishers.put(topic, publisher);
            topicRoutes.keySet().forEach(route -> publisherOfRoute.put(route, publisher));
            Gauge.builder("governor.bridge.outbound.queued", publisher, EventPublisher::queued)
                    .description("External events taken in and not yet settled")
                    .tag("topic", topic)
                    .register(registry);
            Gauge.builder("governor.bridge.outbound.held", publisher, p -> p.held() ? 1 : 0)
                    .description("1 while publishing waits for the hourly publishing allocation")
                    .tag("topic", topic)
                    .register(registry);
        });
    }

    /** The configured route of this name, if any. */
    public Optional<BridgeConfig.Route> route(String name) {
        return Optional.ofNullable(routes.get(name));
    }

    /** Hands an event to its route's publisher; an event of an unknown route is settled as dead by it. */
    public void submit(OutboundEvent event) {
        EventPublisher publisher = publisherOfRoute.get(event.route());
        if (publisher == null) {
            String reason = "No route named \"" + event.route() + "\" is configured";
            deadEvents
                    .sendAsync(event, null, reason)
                    .subscribe()
                    .with(
                            ignored -> event.settled().complete(new OutboundEvent.Outcome.Dead(reason)),
                            failure -> event.settled().completeExceptionally(failure));
            return;
        }
        publisher.submit(event);
    }

    /** Completes once the route's publisher has room for more events. */
    public CompletableFuture<Void> room(String route) {
        EventPublisher publisher = publisherOfRoute.get(route);
        return publisher == null ? CompletableFuture.completedFuture(null) : publisher.room();
    }

    void stop(@Observes ShutdownEvent stopping) {
        publishers.values().forEach(EventPublisher::stop);
    }

    private static String hostname() {
        String name = System.getenv("HOSTNAME");
        return name == null || name.isBlank() ? "bridge" : name;
    }
}
