package dev.governor.simulator.pubsub;

import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.PublishRequest;
import com.salesforce.eventbus.protobuf.PublishResponse;
import com.salesforce.eventbus.protobuf.SchemaInfo;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import com.salesforce.eventbus.protobuf.TopicInfo;
import com.salesforce.eventbus.protobuf.TopicRequest;
import dev.governor.simulator.SimulatorConfig;
import dev.governor.simulator.events.Topic;
import dev.governor.simulator.events.Topics;
import dev.governor.simulator.schema.EventSchemas;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import org.apache.avro.Schema;

/**
 * Salesforce's Pub/Sub API ({@code eventbus.v1.PubSub}) over the simulated org: topics and schemas from
 * the org model, Platform Events and change events from its event bus. Callers are authenticated by
 * {@link PubSubCaller} before any method here runs. Nothing here blocks: streams are pushed to as events
 * arrive.
 */
@GrpcService
public class PubSubService extends PubSubGrpc.PubSubImplBase {

    private final Topics topics;
    private final EventSchemas schemas;
    private final Publisher publisher;
    private final Subscriptions subscriptions;
    private final String tenant;

    public PubSubService(
            Topics topics,
            EventSchemas schemas,
            Publisher publisher,
            Subscriptions subscriptions,
            SimulatorConfig config) {
        this.topics = topics;
        this.schemas = schemas;
        this.publisher = publisher;
        this.subscriptions = subscriptions;
        this.tenant = config.org().id();
    }

    @Override
    public void getTopic(TopicRequest request, StreamObserver<TopicInfo> out) {
        String rpcId = PubSubCaller.rpcId();
        try {
            Topic topic = topics.find(request.getTopicName())
                    .orElseThrow(() -> PubSubError.TOPIC_NOT_FOUND.exception(
                            "No topic " + request.getTopicName() + " in this org", rpcId));
            out.onNext(TopicInfo.newBuilder()
                    .setTopicName(topic.name())
                    .setTenantGuid(tenant)
                    .setCanPublish(topic.canPublish())
                    .setCanSubscribe(true)
                    .setSchemaId(topics.schemaId(topic))
                    .setRpcId(rpcId)
                    .build());
            out.onCompleted();
        } catch (StatusRuntimeException e) {
            out.onError(e);
        }
    }

    @Override
    public void getSchema(SchemaRequest request, StreamObserver<SchemaInfo> out) {
        String rpcId = PubSubCaller.rpcId();
        Schema schema = schemas.byId(request.getSchemaId()).orElse(null);
        if (schema == null) {
            out.onError(PubSubError.SCHEMA_INVALID.exception("No schema " + request.getSchemaId(), rpcId));
            return;
        }
        out.onNext(SchemaInfo.newBuilder()
                .setSchemaJson(schema.toString())
                .setSchemaId(request.getSchemaId())
                .setRpcId(rpcId)
                .build());
        out.onCompleted();
    }

    @Override
    public void publish(PublishRequest request, StreamObserver<PublishResponse> out) {
        String rpcId = PubSubCaller.rpcId();
        try {
            Topic topic = publisher.publishableTopic(request.getTopicName(), rpcId);
            out.onNext(publisher.publish(request, topic, PubSubCaller.session(), rpcId));
            out.onCompleted();
        } catch (StatusRuntimeException e) {
            out.onError(e);
        }
    }

    @Override
    public StreamObserver<PublishRequest> publishStream(StreamObserver<PublishResponse> out) {
        ServerCallStreamObserver<PublishResponse> serverOut = (ServerCallStreamObserver<PublishResponse>) out;
        PublishStream stream =
                new PublishStream(serverOut, publisher, subscriptions, PubSubCaller.session(), PubSubCaller.rpcId());
        serverOut.setOnCancelHandler(() -> stream.onError(null));
        subscriptions.opened(stream);
        return stream;
    }

    @Override
    public StreamObserver<FetchRequest> subscribe(StreamObserver<FetchResponse> out) {
        ServerCallStreamObserver<FetchResponse> serverOut = (ServerCallStreamObserver<FetchResponse>) out;
        Subscription subscription = subscriptions.open(serverOut, PubSubCaller.session(), PubSubCaller.rpcId());
        serverOut.setOnCancelHandler(subscription::cancelled);
        return new StreamObserver<>() {
            @Override
            public void onNext(FetchRequest request) {
                subscription.onRequest(request);
            }

            @Override
            public void onError(Throwable cancelled) {
                subscription.cancelled();
            }

            @Override
            public void onCompleted() {
                // the client stopped asking; the stream stays until idle or cancelled, as on a real org
            }
        };
    }
}
