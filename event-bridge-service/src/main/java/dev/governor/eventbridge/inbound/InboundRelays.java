package dev.governor.eventbridge.inbound;

import dev.governor.eventbridge.config.BridgeConfig;
import dev.governor.eventbridge.lease.Lease;
import dev.governor.salesforce.auth.SalesforceSessions;
import dev.governor.salesforce.pubsub.PubSubClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A relay for every configured subscription, started with the service and stopped with it. Every replica
 * runs them all; each relays only while it holds the subscription's lease, so one replica relays a
 * subscription and another takes it over within the lease when it dies.
 */
@ApplicationScoped
public class InboundRelays {

    private final BridgeConfig config;
    private final PubSubClient client;
    private final SalesforceSessions sessions;
    private final Checkpoints checkpoints;
    private final Map<String, Object> kafka;
    private final MeterRegistry metrics;
    private final List<ChannelRelay> relays = new ArrayList<>();
    private final RedisDataSource redis;
    /** This replica, as leases name it. */
    private final String holder =
            hostname() + "-" + UUID.randomUUID().toString().substring(0, 8);

    public InboundRelays(
            BridgeConfig config,
            PubSubClient client,
            SalesforceSessions sessions,
            Checkpoints checkpoints,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            MeterRegistry metrics,
            RedisDataSource redis) {
        this.redis = redis;
        this.config = config;
        this.client = client;
        this.sessions = sessions;
        this.checkpoints = checkpoints;
        this.kafka = kafka;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent started) {
        startAll();
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopAll();
    }

    /** Starts a relay for every subscription, each from its committed checkpoint. */
    public synchronized void startAll() {
        config.subscriptions().forEach((name, subscription) -> {
            ChannelRelay relay = new ChannelRelay(
                    name,
                    subscription,
                    config,
                    client,
                    sessions,
                    checkpoints,
                    kafka,
                    metrics,
                    new Lease(redis, name, holder, config.lease()));
            Gauge.builder("governor.bridge.inbound.relayed", relay, ChannelRelay::relayed)
                    .description("Salesforce events relayed into Kafka (committed) since the relay started")
                    .tag("subscription", name)
                    .register(metrics);
            Gauge.builder("governor.bridge.inbound.leading", relay, r -> r.leading() ? 1 : 0)
                    .description("1 while this replica holds the subscription's lease and relays it")
                    .tag("subscription", name)
                    .register(metrics);
            Gauge.builder("governor.bridge.inbound.paused", relay, r -> r.paused() ? 1 : 0)
                    .description("1 while the org's event delivery allocation is spent and the relay waits")
                    .tag("subscription", name)
                    .register(metrics);
            Gauge.builder("governor.bridge.inbound.stopped", relay, r -> r.failedByPolicy() || r.fenced() ? 1 : 0)
                    .description("1 when the relay stopped: its gap policy is FAIL, or another relay fenced it")
                    .tag("subscription", name)
                    .register(metrics);
            relays.add(relay);
            relay.start();
        });
    }

    /** Stops every relay: nothing more is requested or written until {@link #startAll()}. */
    public synchronized void stopAll() {
        relays.forEach(ChannelRelay::stop);
        relays.forEach(relay -> metrics.getMeters().stream()
                .filter(m -> relay.name().equals(m.getId().getTag("subscription")))
                .forEach(metrics::remove));
        relays.clear();
    }

    /** How each subscription's relay stands on this replica: relaying, waiting, stopped, or standing by. */
    public synchronized Map<String, String> localStates() {
        Map<String, String> states = new java.util.TreeMap<>();
        relays.forEach(relay -> states.put(
                relay.name(),
                relay.failedByPolicy()
                        ? "STOPPED_BY_GAP_POLICY"
                        : relay.fenced()
                                ? "FENCED"
                                : relay.paused() ? "PAUSED" : relay.leading() ? "RELAYING" : "STANDBY"));
        return states;
    }

    private static String hostname() {
        String name = System.getenv("HOSTNAME");
        return name == null || name.isBlank() ? "bridge" : name;
    }

    /** Stops and starts every relay, as a restart of the service would. */
    public void restart() {
        stopAll();
        startAll();
    }
}
