package dev.governor.eventbridge.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import dev.governor.salesforce.auth.SalesforceSession;
import dev.governor.salesforce.pubsub.EventPayloads;
import dev.governor.salesforce.pubsub.PubSubClient;
import dev.governor.salesforce.pubsub.PubSubFailure;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;

/**
 * Finds which of some source events are already in a Platform Event topic: subscribes from the anchor (a
 * replay id the topic had reached before they were claimed; the oldest retained event when none is known)
 * and reads until it has found them all or has caught up with the topic (the server's first empty
 * answer, a keepalive: nothing more to deliver), matching the source-id field. A response's
 * {@code latest_replay_id} is the subscription's position (the last event it delivered), not the topic's
 * end, so it cannot end the search: ending there missed events after the first page and published them
 * twice. It answers the one question a publisher cannot answer alone — did a publish whose answer was never
 * heard get in? — at the cost of delivered events, never of API calls. Blocking: called from a publisher's
 * own thread.
 */
final class PublishedEventFinder {

    private static final int REQUEST = 100;

    private final PubSubClient client;
    private final Duration limit;

    PublishedEventFinder(PubSubClient client, Duration limit) {
        this.client = client;
        this.limit = limit;
    }

    /** Source id → replay id, for each of {@code sourceIds} found in the topic after the anchor. */
    Map<String, byte[]> find(
            String topic, Optional<byte[]> anchor, String idField, Set<String> sourceIds, SalesforceSession session)
            throws InterruptedException, TimeoutException {
        try {
            return search(topic, anchor, idField, sourceIds, session);
        } catch (ExecutionException e) {
            if (anchor.isPresent() && PubSubFailure.of(e.getCause()) == PubSubFailure.REPLAY_ID_OUT_OF_RETENTION) {
                // The anchor fell out of retention: whatever was published after it is among what is retained.
                return find(topic, Optional.empty(), idField, sourceIds, session);
            }
            throw new IllegalStateException(
                    "Could not read " + topic + " to settle abandoned claims: " + PubSubFailure.describe(e.getCause()),
                    e.getCause());
        }
    }

    private Map<String, byte[]> search(
            String topic, Optional<byte[]> anchor, String idField, Set<String> sourceIds, SalesforceSession session)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, byte[]> found = new HashMap<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Search search = new Search(session, idField, sourceIds, found, done);
        StreamObserver<FetchRequest> requests = client.subscribe(session, search);
        search.requests = requests;
        FetchRequest.Builder first =
                FetchRequest.newBuilder().setTopicName(topic).setNumRequested(REQUEST);
        anchor.ifPresentOrElse(
                id -> first.setReplayPreset(ReplayPreset.CUSTOM).setReplayId(ByteString.copyFrom(id)),
                () -> first.setReplayPreset(ReplayPreset.EARLIEST));
        requests.onNext(first.build());
        try {
            done.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            requests.onError(
                    io.grpc.Status.CANCELLED.withDescription("search done").asRuntimeException());
        }
        synchronized (found) {
            return Map.copyOf(found);
        }
    }

    /** One search's stream: events are matched as they come, until all are found or the topic has no more. */
    private final class Search implements StreamObserver<FetchResponse> {
        private final SalesforceSession session;
        private final String idField;
        private final Set<String> wanted;
        private final Map<String, byte[]> found;
        private final CompletableFuture<Void> done;
        private StreamObserver<FetchRequest> requests;
        private int pending = REQUEST;

        Search(
                SalesforceSession session,
                String idField,
                Set<String> wanted,
                Map<String, byte[]> found,
                CompletableFuture<Void> done) {
            this.session = session;
            this.idField = idField;
            this.wanted = wanted;
            this.found = found;
            this.done = done;
        }

        @Override
        public void onNext(FetchResponse response) {
            if (done.isDone()) {
                return;
            }
            if (response.getEventsCount() == 0) {
                done.complete(null); // a keepalive: the topic has nothing after what was read
                return;
            }
            try {
                for (ConsumerEvent event : response.getEventsList()) {
                    match(event);
                }
            } catch (RuntimeException | EventPayloads.UnreadablePayload e) {
                done.completeExceptionally(e);
                return;
            }
            synchronized (found) {
                if (found.size() == wanted.size()) {
                    done.complete(null);
                    return;
                }
            }
            pending -= response.getEventsCount();
            if (pending <= REQUEST / 2) {
                requests.onNext(FetchRequest.newBuilder()
                        .setNumRequested(REQUEST - pending)
                        .build());
                pending = REQUEST;
            }
        }

        private void match(ConsumerEvent event) throws EventPayloads.UnreadablePayload {
            Schema schema = client.schema(event.getEvent().getSchemaId(), session)
                    .await()
                    .atMost(Duration.ofSeconds(30));
            ObjectNode payload =
                    EventPayloads.toJson(schema, event.getEvent().getPayload().toByteArray());
            for (Iterator<Map.Entry<String, JsonNode>> it = payload.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equalsIgnoreCase(idField)
                        && wanted.contains(field.getValue().asText())) {
                    synchronized (found) {
                        found.put(field.getValue().asText(), event.getReplayId().toByteArray());
                    }
                }
            }
        }

        @Override
        public void onError(Throwable failure) {
            done.completeExceptionally(failure);
        }

        @Override
        public void onCompleted() {
            done.complete(null);
        }
    }
}
