package dev.governor.eventbridge.sources;

import dev.governor.eventbridge.config.BridgeConfig;
import dev.governor.eventbridge.lease.Lease;
import dev.governor.eventbridge.outbound.Outbound;
import dev.governor.eventbridge.outbound.OutboundEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The MQTT routes' source: one persistent session (QoS 1, a fixed client id, clean session off) held by
 * the replica that holds the session's lease ({@code mqtt:<client id>}). Each message is acknowledged
 * (PUBACK) only once every route it matched has settled it — published with a replay id, a known
 * duplicate, or dead-lettered — and in the order the messages came, as MQTT requires. A crash before
 * that leaves the message unacknowledged in the session, and the broker sends it again to whichever
 * replica resumes the session.
 *
 * <p>Not SmallRye's MQTT connector: it acknowledges a QoS 1 message as soon as it arrives (checked in
 * smallrye-reactive-messaging-mqtt 4.33), which would lose what a crash interrupts. The Vert.x MQTT client
 * underneath it lets the bridge acknowledge by hand.
 */
@ApplicationScoped
public class MqttRouteSource {

    private static final Logger LOG = Logger.getLogger(MqttRouteSource.class);
    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final Map<String, String> filterOfRoute = new LinkedHashMap<>();
    private final BridgeConfig config;
    private final Outbound outbound;
    private final Vertx vertx;
    private final RedisDataSource redis;
    private final Deque<Received> unacknowledged = new ArrayDeque<>();
    private ScheduledExecutorService thread;
    private Lease lease;
    private MqttClient client;
    private volatile boolean leading;
    private volatile boolean connected;

    /** A message and what its routes made of it; acknowledged when all are settled and it is first in line. */
    private record Received(MqttPublishMessage message, CompletableFuture<Void> settled) {}

    public MqttRouteSource(
            BridgeConfig config, Outbound outbound, Vertx vertx, RedisDataSource redis, MeterRegistry metrics) {
        this.config = config;
        this.outbound = outbound;
        this.vertx = vertx;
        this.redis = redis;
        config.routes().forEach((name, route) -> {
            if (route.source() == BridgeConfig.Source.MQTT) {
                if (!MqttTopicFilter.valid(route.topic())) {
                    throw new IllegalArgumentException(
                            "Route " + name + ": " + route.topic() + " is not an MQTT topic filter");
                }
                filterOfRoute.put(name, route.topic());
            }
        });
        if (!filterOfRoute.isEmpty()) {
            Gauge.builder("governor.bridge.outbound.mqtt.leading", this, s -> s.leading ? 1 : 0)
                    .description("1 while this replica holds the MQTT lease (the session is its to hold)")
                    .register(metrics);
            Gauge.builder("governor.bridge.outbound.mqtt.connected", this, s -> s.connected ? 1 : 0)
                    .description("1 while this replica's MQTT session is connected and subscribed")
                    .register(metrics);
        }
    }

    void start(@Observes StartupEvent started) {
        if (filterOfRoute.isEmpty()) {
            return;
        }
        String holder = System.getenv().getOrDefault("HOSTNAME", "bridge") + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        // One lease per session: bridges with sessions of their own (other brokers, other client ids) do not
        // wait for each other.
        lease = new Lease(redis, "mqtt:" + config.mqtt().clientId(), holder, config.lease());
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "governor-mqtt-lease");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(200, config.lease().toMillis() / 3);
        thread.scheduleWithFixedDelay(this::tick, 0, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (thread == null) {
            return;
        }
        thread.shutdownNow();
        disconnect();
        try {
            lease.release();
        } catch (RuntimeException e) {
            LOG.debugf("Could not release the MQTT lease (it will lapse): %s", e.getMessage());
        }
    }

    /** Whether this replica holds the MQTT session now. */
    public boolean connected() {
        return connected;
    }

    private void tick() {
        boolean hold;
        try {
            hold = lease.hold();
        } catch (RuntimeException e) {
            hold = false; // Redis cannot say: let the session go rather than risk two leaders
        }
        if (hold && !leading) {
            leading = true;
            connect();
        } else if (!hold && leading) {
            leading = false;
            LOG.info("Lost the MQTT lease: closing the session for the replica that takes it");
            disconnect();
        } else if (hold && !connected && client == null) {
            connect();
        }
    }

    private void connect() {
        BridgeConfig.Mqtt mqtt = config.mqtt();
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(mqtt.clientId())
                .setCleanSession(false)
                .setKeepAliveInterval(mqtt.keepAliveSeconds())
                .setSsl(mqtt.ssl());
        options.setAutoAck(false);
        // Vert.x's default (8,092 bytes) is checked against what one read holds, so a burst of small messages
        // ends the connection; a Platform Event takes up to 1 MB, and larger messages are dead-lettered.
        options.setMaxMessageSize(MAX_MESSAGE_BYTES);
        mqtt.username().ifPresent(options::setUsername);
        mqtt.password().ifPresent(options::setPassword);
        MqttClient created = MqttClient.create(vertx, options);
        client = created;
        created.publishHandler(this::received);
        created.exceptionHandler(failure -> LOG.warnf("The MQTT connection failed: %s", failure.toString()));
        created.closeHandler(ignored -> {
            connected = false;
            unacknowledged.clear(); // the broker sends these again on the next session

            if (client == created) {
                client = null;
            }
            LOG.info("The MQTT connection closed");
        });
        created.connect(mqtt.port(), mqtt.host())
                .compose(ack -> {
                    Map<String, Integer> topics = new LinkedHashMap<>();
                    filterOfRoute.values().forEach(filter -> topics.put(filter, MqttQoS.AT_LEAST_ONCE.value()));
                    return created.subscribe(topics);
                })
                .onSuccess(ignored -> {
                    connected = true;
                    LOG.infof("Reading MQTT %s:%d as %s: %s", mqtt.host(), mqtt.port(), mqtt.clientId(), filterOfRoute);
                })
                .onFailure(failure -> {
                    LOG.warnf("Could not connect to MQTT %s:%d: %s", mqtt.host(), mqtt.port(), failure.getMessage());
                    if (client == created) {
                        client = null;
                    }
                    created.disconnect();
                });
    }

    private void disconnect() {
        MqttClient current = client;
        client = null;
        connected = false;
        if (current != null && current.isConnected()) {
            current.disconnect();
        }
    }

    /** On the connection's event loop: hands the message to its routes, never blocking. */
    private void received(MqttPublishMessage message) {
        List<CompletableFuture<OutboundEvent.Outcome>> outcomes = new ArrayList<>();
        Instant now = Instant.now();
        byte[] body = message.payload().getBytes();
        filterOfRoute.forEach((route, filter) -> {
            if (MqttTopicFilter.matches(filter, message.topicName())) {
                OutboundEvent event = new OutboundEvent(
                        route, body, Map.of(), now, "mqtt:" + message.topicName() + "#" + message.messageId());
                outcomes.add(event.settled());
                outbound.submit(event);
            }
        });
        CompletableFuture<Void> settled = CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new));
        Received received = new Received(message, settled);
        unacknowledged.addLast(received);
        io.vertx.core.Context context = vertx.getOrCreateContext();
        settled.whenComplete((ignored, failure) -> context.runOnContext(v -> acknowledgeInOrder()));
    }

    /** Acknowledges settled messages from the head of the line; one that failed to settle stays unacknowledged. */
    private void acknowledgeInOrder() {
        while (!unacknowledged.isEmpty() && unacknowledged.peekFirst().settled().isDone()) {
            Received head = unacknowledged.pollFirst();
            if (head.settled().isCompletedExceptionally()) {
                continue; // the bridge is stopping: the broker sends it again to the next session
            }
            if (head.message().qosLevel() != MqttQoS.AT_MOST_ONCE) {
                try {
                    head.message().ack();
                } catch (RuntimeException e) {
                    LOG.debugf(
                            "Message %d was already acknowledged: %s",
                            head.message().messageId(), e.getMessage());
                }
            }
        }
    }
}
