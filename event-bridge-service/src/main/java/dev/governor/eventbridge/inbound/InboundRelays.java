package dev.governor.eventbridge.inbound;

import dev.governor.eventbridge.config.BridgeConfig;
import dev.governor.salesforce.auth.SalesforceSessions;
import dev.governor.salesforce.pubsub.PubSubClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a relay for every configured subscription when the service starts, and stops them with it. */
@ApplicationScoped
public class InboundRelays {

    private final BridgeConfig config;
    private final PubSubClient client;
    private final SalesforceSessions sessions;
    private final Checkpoints checkpoints;
    private final Map<String, Object> kafka;
    private final MeterRegistry metrics;
    private final List<ChannelRelay> relays = new ArrayList<>();

    public InboundRelays(
            BridgeConfig config,
            PubSubClient client,
            SalesforceSessions sessions,
            Checkpoints checkpoints,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            MeterRegistry metrics) {
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
            ChannelRelay relay =
                    new ChannelRelay(name, subscription, config, client, sessions, checkpoints, kafka, metrics);
            Gauge.builder("governor.bridge.inbound.relayed", relay, ChannelRelay::relayed)
                    .description("Salesforce events relayed into Kafka (committed) since the relay started")
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

    /** Stops and starts every relay, as a restart of the service would. */
    public void restart() {
        stopAll();
        startAll();
    }
}
