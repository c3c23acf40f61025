package dev.governor.simulator.pubsub;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ProducerEvent;
import dev.governor.simulator.auth.Session;
import dev.governor.simulator.events.BusEvent;
import dev.governor.simulator.events.ReplayIds;
import dev.governor.simulator.events.Topic;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * One Subscribe stream, with the Pub/Sub API's pull-based flow control: the client asks for events
 * ({@code num_requested}, additive, capped), the server sends at most that many, and with nothing to
 * send it sends an empty keepalive carrying the replay id to resume from. The replay preset and id are
 * read from the first FetchRequest only. Everything here runs under the subscription's lock: requests
 * arrive on gRPC's thread, events on the publisher's, ticks on a timer's.
 */
final class Subscription {

    private final String id = UUID.randomUUID().toString();
    private final String rpcId;
    private final ServerCallStreamObserver<FetchResponse> out;
    private final Subscriptions registry;
    private final Instant openedAt;
    private Session session;
    private Topic topic;
    private long cursor = -1; // the replay id after which the next event is read
    private int pending;
    private long delivered;
    private long lastSentNanos;
    private long idleSinceNanos; // when the client last had nothing requested
    private boolean closed;

    Subscription(
            ServerCallStreamObserver<FetchResponse> out,
            Subscriptions registry,
            Session session,
            String rpcId,
            Instant openedAt) {
        this.out = out;
        this.registry = registry;
        this.session = session;
        this.rpcId = rpcId;
        this.openedAt = openedAt;
        long now = System.nanoTime();
        this.lastSentNanos = now;
        this.idleSinceNanos = now;
    }

    /** What the admin API shows of a subscription. */
    record View(
            String id,
            String topic,
            String clientId,
            Instant openedAt,
            int pendingRequested,
            long delivered,
            long replayId) {}

    synchronized View view() {
        return new View(
                id, topic == null ? null : topic.name(), session.clientId(), openedAt, pending, delivered, cursor);
    }

    synchronized String topicName() {
        return topic == null ? null : topic.name();
    }

    synchronized void onRequest(FetchRequest request) {
        if (closed) {
            return;
        }
        try {
            if (topic == null) {
                start(request);
            } else if (!request.getTopicName().isEmpty()
                    && !request.getTopicName().equalsIgnoreCase(topic.name())) {
                throw PubSubError.FETCH_TOPIC_MISMATCH.exception(
                        "A stream subscribes to one topic: " + topic.name(), rpcId);
            }
            if (!request.getAuthRefresh().isEmpty()) {
                session = registry.liveSession(request.getAuthRefresh())
                        .orElseThrow(() -> PubSubError.AUTH_REFRESH_INVALID.exception(
                                "auth_refresh is not a live session", rpcId));
            }
            if (request.getNumRequested() <= 0) {
                throw PubSubError.REQUESTED_EVENTS_INVALID.exception("num_requested must be greater than 0", rpcId);
            }
            pending = (int) Math.min(registry.maxRequested(), (long) pending + request.getNumRequested());
            drain();
        } catch (StatusRuntimeException e) {
            fail(e);
        }
    }

    private void start(FetchRequest request) {
        Topic found = registry.topic(request.getTopicName())
                .orElseThrow(() -> PubSubError.TOPIC_NOT_FOUND.exception(
                        "No topic " + request.getTopicName() + " in this org", rpcId));
        long latest = registry.latestReplayId();
        cursor = switch (request.getReplayPreset()) {
            case LATEST -> latest;
            case EARLIEST -> -1;
            case CUSTOM -> customStart(request.getReplayId().toByteArray(), found, latest);
            default -> throw PubSubError.REPLAY_ID_INVALID.exception("Unknown replay_preset", rpcId);
        };
        topic = found;
    }

    private long customStart(byte[] replayId, Topic found, long latest) {
        if (replayId.length == 0) {
            throw PubSubError.REPLAY_ID_INVALID.exception("CUSTOM needs a replay_id", rpcId);
        }
        OptionalLong position = ReplayIds.decode(replayId);
        if (position.isEmpty() || position.getAsLong() > latest) {
            throw PubSubError.REPLAY_ID_INVALID.exception("The replay_id is not one this org issued", rpcId);
        }
        if (position.getAsLong() <= registry.evictedThrough(found)) {
            throw PubSubError.REPLAY_ID_CORRUPTED.exception(
                    "The replay_id is outside the retention window; subscribe with EARLIEST", rpcId);
        }
        return position.getAsLong();
    }

    /** Sends what is requested and available; called on requests, on publishes and on ticks. */
    synchronized void drain() {
        if (closed || topic == null || registry.stalled(topic)) {
            return;
        }
        if (cursor >= 0 && cursor < registry.evictedThrough(topic)) {
            fail(PubSubError.REPLAY_ID_CORRUPTED.exception(
                    "Events after this subscription's position left the retention window", rpcId));
            return;
        }
        while (pending > 0) {
            List<BusEvent> batch = registry.eventsAfter(topic, cursor, pending);
            if (batch.isEmpty()) {
                return;
            }
            if (!registry.spendDeliveryAllocation(batch.size())) {
                fail(PubSubError.SUBSCRIPTION_LIMIT.exception(
                        "The org's daily event delivery allocation is spent", rpcId));
                return;
            }
            FetchResponse.Builder response = FetchResponse.newBuilder().setRpcId(rpcId);
            for (BusEvent event : batch) {
                response.addEvents(ConsumerEvent.newBuilder()
                        .setEvent(ProducerEvent.newBuilder()
                                .setId(event.eventUuid())
                                .setSchemaId(event.schemaId())
                                .setPayload(ByteString.copyFrom(event.payload())))
                        .setReplayId(ByteString.copyFrom(ReplayIds.encode(event.replayId()))));
            }
            cursor = batch.get(batch.size() - 1).replayId();
            pending -= batch.size();
            delivered += batch.size();
            send(response.setLatestReplayId(ByteString.copyFrom(ReplayIds.encode(cursor)))
                    .setPendingNumRequested(pending)
                    .build());
            if (pending == 0) {
                idleSinceNanos = lastSentNanos; // the client has this long to ask for more
            }
            registry.countDelivered(session.clientId(), batch.size());
        }
    }

    /** Keepalives, the idle close, and a session revoked or expired since the stream opened. */
    synchronized void tick(long nowNanos, long keepaliveNanos, long idleNanos) {
        if (closed) {
            return;
        }
        if (registry.liveSession(session.accessToken()).isEmpty()) {
            fail(PubSubError.AUTH.exception("The session ended (revoked or expired)", rpcId));
            return;
        }
        if (topic != null && registry.stalled(topic)) {
            return; // a stalled stream is silent: no events, no keepalives
        }
        drain();
        if (closed) {
            return;
        }
        if (pending == 0 && nowNanos - idleSinceNanos >= idleNanos) {
            closed = true;
            registry.remove(this);
            out.onCompleted();
            return;
        }
        if (nowNanos - lastSentNanos >= keepaliveNanos) {
            FetchResponse.Builder keepalive =
                    FetchResponse.newBuilder().setRpcId(rpcId).setPendingNumRequested(pending);
            if (cursor >= 0) {
                keepalive.setLatestReplayId(ByteString.copyFrom(ReplayIds.encode(cursor)));
            }
            send(keepalive.build());
        }
    }

    synchronized void fail(StatusRuntimeException error) {
        if (closed) {
            return;
        }
        closed = true;
        registry.remove(this);
        out.onError(error);
    }

    /** The client went away: forget the stream without writing to it. */
    synchronized void cancelled() {
        closed = true;
        registry.remove(this);
    }

    private void send(FetchResponse response) {
        out.onNext(response);
        lastSentNanos = System.nanoTime();
    }
}
