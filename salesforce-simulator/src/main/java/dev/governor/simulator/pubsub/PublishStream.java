package dev.governor.simulator.pubsub;

import com.salesforce.eventbus.protobuf.PublishRequest;
import com.salesforce.eventbus.protobuf.PublishResponse;
import dev.governor.simulator.auth.Session;
import dev.governor.simulator.events.Topic;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * One PublishStream: a PublishResponse for each PublishRequest, all to one topic, closed by the server
 * when the client has published nothing for a while (about 70 s on a real org).
 */
final class PublishStream implements StreamObserver<PublishRequest> {

    private final ServerCallStreamObserver<PublishResponse> out;
    private final Publisher publisher;
    private final Subscriptions registry;
    private final String rpcId;
    private Session session;
    private Topic topic;
    private long lastPublishNanos = System.nanoTime();
    private boolean closed;

    PublishStream(
            ServerCallStreamObserver<PublishResponse> out,
            Publisher publisher,
            Subscriptions registry,
            Session session,
            String rpcId) {
        this.out = out;
        this.publisher = publisher;
        this.registry = registry;
        this.session = session;
        this.rpcId = rpcId;
    }

    @Override
    public synchronized void onNext(PublishRequest request) {
        if (closed) {
            return;
        }
        lastPublishNanos = System.nanoTime();
        try {
            if (!request.getAuthRefresh().isEmpty()) {
                session = registry.liveSession(request.getAuthRefresh())
                        .orElseThrow(() -> PubSubError.AUTH_REFRESH_INVALID.exception(
                                "auth_refresh is not a live session", rpcId));
            }
            if (registry.liveSession(session.accessToken()).isEmpty()) {
                throw PubSubError.AUTH.exception("The session ended (revoked or expired)", rpcId);
            }
            Topic named = publisher.publishableTopic(request.getTopicName(), rpcId);
            if (topic == null) {
                topic = named;
            } else if (!topic.name().equals(named.name())) {
                throw PubSubError.PUBLISH_TOPIC_MISMATCH.exception(
                        "A PublishStream publishes to one topic: " + topic.name(), rpcId);
            }
            out.onNext(publisher.publish(request, topic, session, rpcId));
        } catch (StatusRuntimeException e) {
            fail(e);
        }
    }

    @Override
    public synchronized void onError(Throwable cancelled) {
        closed = true;
        registry.closed(this);
    }

    @Override
    public synchronized void onCompleted() {
        if (!closed) {
            closed = true;
            registry.closed(this);
            out.onCompleted();
        }
    }

    synchronized void tick(long nowNanos, long idleNanos) {
        if (!closed && registry.liveSession(session.accessToken()).isEmpty()) {
            fail(PubSubError.AUTH.exception("The session ended (revoked or expired)", rpcId));
        } else if (!closed && nowNanos - lastPublishNanos >= idleNanos) {
            closed = true;
            registry.closed(this);
            out.onCompleted();
        }
    }

    synchronized void fail(StatusRuntimeException error) {
        if (!closed) {
            closed = true;
            registry.closed(this);
            out.onError(error);
        }
    }
}
