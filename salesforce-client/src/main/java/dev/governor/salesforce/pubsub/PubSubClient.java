package dev.governor.salesforce.pubsub;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.PublishRequest;
import com.salesforce.eventbus.protobuf.PublishResponse;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import com.salesforce.eventbus.protobuf.TopicInfo;
import com.salesforce.eventbus.protobuf.TopicRequest;
import dev.governor.salesforce.auth.SalesforceSession;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;

/**
 * The org's Pub/Sub API: GetTopic, GetSchema (cached by schema id: a schema never changes under its id),
 * Subscribe and PublishStream streams, each call carrying the session's {@code accesstoken}, {@code instanceurl} and
 * {@code tenantid}. Non-blocking: unary calls answer a {@link Uni}, streams call their observer.
 */
@ApplicationScoped
public class PubSubClient {

    static final Metadata.Key<String> ACCESS_TOKEN = key("accesstoken");
    static final Metadata.Key<String> INSTANCE_URL = key("instanceurl");
    static final Metadata.Key<String> TENANT_ID = key("tenantid");

    private final PubSubChannel channel;
    private final PubSubConfig config;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    public PubSubClient(PubSubChannel channel, PubSubConfig config) {
        this.channel = channel;
        this.config = config;
    }

    public Uni<TopicInfo> topic(String topicName, SalesforceSession session) {
        return unary(future(session)
                .getTopic(TopicRequest.newBuilder().setTopicName(topicName).build()));
    }

    public Uni<Schema> schema(String schemaId, SalesforceSession session) {
        Schema known = schemas.get(schemaId);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return unary(future(session)
                        .getSchema(
                                SchemaRequest.newBuilder().setSchemaId(schemaId).build()))
                .map(info -> schemas.computeIfAbsent(schemaId, id -> new Schema.Parser().parse(info.getSchemaJson())));
    }

    /** Opens a Subscribe stream; the answer is where to send its FetchRequests (and to cancel it). */
    public StreamObserver<FetchRequest> subscribe(SalesforceSession session, StreamObserver<FetchResponse> events) {
        return PubSubGrpc.newStub(channel.get())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata(session)))
                .subscribe(events);
    }

    /**
     * Opens a PublishStream to one topic; the answer is where to send its PublishRequests (and to end
     * it). Each PublishResponse answers one request, its results in the request's order.
     */
    public StreamObserver<PublishRequest> publishStream(
            SalesforceSession session, StreamObserver<PublishResponse> responses) {
        return PubSubGrpc.newStub(channel.get())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata(session)))
                .publishStream(responses);
    }

    static Metadata metadata(SalesforceSession session) {
        Metadata metadata = new Metadata();
        metadata.put(ACCESS_TOKEN, session.accessToken());
        metadata.put(INSTANCE_URL, session.instanceUrl());
        if (session.orgId() != null) {
            metadata.put(TENANT_ID, session.orgId());
        }
        return metadata;
    }

    private PubSubGrpc.PubSubFutureStub future(SalesforceSession session) {
        return PubSubGrpc.newFutureStub(channel.get())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata(session)))
                .withDeadlineAfter(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static <T> Uni<T> unary(ListenableFuture<T> call) {
        return Uni.createFrom()
                .emitter(emitter -> Futures.addCallback(
                        call,
                        new FutureCallback<>() {
                            @Override
                            public void onSuccess(T result) {
                                emitter.complete(result);
                            }

                            @Override
                            public void onFailure(Throwable failure) {
                                emitter.fail(failure);
                            }
                        },
                        MoreExecutors.directExecutor()));
    }

    private static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }
}
