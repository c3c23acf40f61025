package dev.governor.salesforce.pubsub;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/** The one gRPC connection to the Pub/Sub API, opened on first use and closed with the application. */
@ApplicationScoped
public class PubSubChannel {

    private final PubSubConfig config;
    private ManagedChannel channel;

    public PubSubChannel(PubSubConfig config) {
        this.config = config;
    }

    public synchronized ManagedChannel get() {
        if (channel == null) {
            NettyChannelBuilder builder = NettyChannelBuilder.forAddress(config.host(), config.port())
                    .keepAliveTime(config.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                    .keepAliveWithoutCalls(true)
                    .maxInboundMessageSize(16 * 1024 * 1024);
            channel = (config.plaintext() ? builder.usePlaintext() : builder.useTransportSecurity()).build();
        }
        return channel;
    }

    @PreDestroy
    synchronized void close() {
        if (channel != null) {
            channel.shutdownNow();
        }
    }
}
