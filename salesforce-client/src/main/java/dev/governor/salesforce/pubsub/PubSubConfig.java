package dev.governor.salesforce.pubsub;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the org's Pub/Sub API is and how to keep the connection to it alive. */
@ConfigMapping(prefix = "governor.salesforce.pubsub")
public interface PubSubConfig {

    /** The Pub/Sub API's host (production: api.pubsub.salesforce.com; the local stack: the simulator). */
    @WithDefault("api.pubsub.salesforce.com")
    String host();

    @WithDefault("7443")
    int port();

    /** Plaintext gRPC: only for the local simulator; a real org speaks TLS. */
    @WithDefault("false")
    boolean plaintext();

    /**
     * HTTP/2 keepalive pings: a half-open connection behind NAT or a load balancer is silent, and only a
     * ping finds it.
     */
    @WithDefault("60S")
    Duration keepAliveTime();

    /** The deadline of a unary call (GetTopic, GetSchema, Publish). */
    @WithDefault("10S")
    Duration callTimeout();
}
