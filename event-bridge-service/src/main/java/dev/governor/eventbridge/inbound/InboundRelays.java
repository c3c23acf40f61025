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
        config.subscriptions().forEach((name, subscription) -> {
            ChannelRelay relay = new ChannelRelay(name, subscription, config, client, sessions, checkpoints, kafka);
            Gauge.builder("governor.bridge.inbound.relayed", relay, ChannelRelay::relayed)
                    .description("Salesforce events relayed into Kafka (committed) since the relay started")
                    .tag("subscription", name)
                    .register(metrics);
            relays.add(relay);
            relay.start();
        });
    }

    void stop(@Observes ShutdownEvent stopping) {
        relays.forEach(ChannelRelay::stop);
    }

    /** Stops and starts every relay, as a restart would (tests of resuming from the checkpoint). */
    public void restart() {
        List<ChannelRelay> old = List.copyOf(relays);
        relays.clear();
        old.forEach(ChannelRelay::stop);
        start(null);
    }
}
