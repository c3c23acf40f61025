package dev.governor.simulator;

import static io.restassured.RestAssured.given;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ProducerEvent;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.PublishRequest;
import com.salesforce.eventbus.protobuf.PublishResponse;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import com.salesforce.eventbus.protobuf.TopicRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * A Pub/Sub API client as integrations write one: grpc-java's generated stubs on a plaintext channel,
 * the three metadata keys on every call, Avro encoding with the schema fetched by GetSchema. Nothing of
 * the simulator's own code is used, so what passes here passes for any real client.
 */
final class PubSubTestClient implements AutoCloseable {

    static final String ORG_ID = "00D5g000004SIMAEAW";
    static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel;
    private final PubSubGrpc.PubSubBlockingStub blocking;
    private final PubSubGrpc.PubSubStub async;

    PubSubTestClient(String token) {
        this(Map.of("accesstoken", token, "instanceurl", "http://127.0.0.1", "tenantid", ORG_ID));
    }

    PubSubTestClient(Map<String, String> metadata) {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port())
                .usePlaintext()
                .build();
        Metadata headers = new Metadata();
        metadata.forEach((key, value) -> headers.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value));
        var attach = MetadataUtils.newAttachHeadersInterceptor(headers);
        blocking = PubSubGrpc.newBlockingStub(channel).withInterceptors(attach);
        async = PubSubGrpc.newStub(channel).withInterceptors(attach);
    }

    /** Where the simulator's Pub/Sub API listens, as its admin API reports it. */
    static int port() {
        return given().get("/simulator/pubsub").then().statusCode(200).extract().path("port");
    }

    PubSubGrpc.PubSubBlockingStub blocking() {
        return blocking.withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    String schemaId(String topic) {
        return blocking()
                .getTopic(TopicRequest.newBuilder().setTopicName(topic).build())
                .getSchemaId();
    }

    Schema schema(String schemaId) {
        return new Schema.Parser()
                .parse(blocking()
                        .getSchema(
                                SchemaRequest.newBuilder().setSchemaId(schemaId).build())
                        .getSchemaJson());
    }

    static byte[] encode(Schema schema, Map<String, Object> values) {
        GenericRecord record = new GenericData.Record(schema);
        values.forEach(record::put);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static GenericRecord decode(Schema schema, ByteString payload) {
        try {
            return new GenericDatumReader<GenericRecord>(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(payload.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An Order_Event__e with the topic's current schema. */
    ProducerEvent orderEvent(String id, String orderNumber) {
        String schemaId = schemaId("/event/Order_Event__e");
        Schema schema = schema(schemaId);
        byte[] payload = encode(
                schema,
                Map.of(
                        "CreatedDate",
                        System.currentTimeMillis(),
                        "CreatedById",
                        "005000000000001AAA",
                        "Order_Number__c",
                        orderNumber));
        return ProducerEvent.newBuilder()
                .setId(id)
                .setSchemaId(schemaId)
                .setPayload(ByteString.copyFrom(payload))
                .build();
    }

    PublishResponse publish(String topic, ProducerEvent... events) {
        PublishRequest.Builder request = PublishRequest.newBuilder().setTopicName(topic);
        for (ProducerEvent event : events) {
            request.addEvents(event);
        }
        return blocking().publish(request.build());
    }

    Stream<FetchRequest, FetchResponse> subscribe() {
        Stream<FetchRequest, FetchResponse> stream = new Stream<>();
        stream.requests = async.subscribe(stream);
        return stream;
    }

    Stream<PublishRequest, PublishResponse> publishStream() {
        Stream<PublishRequest, PublishResponse> stream = new Stream<>();
        stream.requests = async.publishStream(stream);
        return stream;
    }

    static FetchRequest fetch(String topic, ReplayPreset preset, int numRequested) {
        return FetchRequest.newBuilder()
                .setTopicName(topic)
                .setReplayPreset(preset)
                .setNumRequested(numRequested)
                .build();
    }

    static FetchRequest fetchAfter(String topic, ByteString replayId, int numRequested) {
        return FetchRequest.newBuilder()
                .setTopicName(topic)
                .setReplayPreset(ReplayPreset.CUSTOM)
                .setReplayId(replayId)
                .setNumRequested(numRequested)
                .build();
    }

    static String errorCode(StatusRuntimeException e) {
        return e.getTrailers() == null ? null : e.getTrailers().get(ERROR_CODE);
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }

    /** A bidirectional stream: what the server sent, in order, and how it ended. */
    static final class Stream<Q, A> implements StreamObserver<A> {
        private final BlockingQueue<A> received = new LinkedBlockingQueue<>();
        private final BlockingQueue<Status> end = new LinkedBlockingQueue<>();
        private StreamObserver<Q> requests;

        void send(Q request) {
            requests.onNext(request);
        }

        void cancel() {
            requests.onError(Status.CANCELLED.asRuntimeException());
        }

        /** The next message, or null if none comes within the wait. */
        A next(Duration wait) throws InterruptedException {
            return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** How the stream ended (OK for a completion), or null if it is still open after the wait. */
        Status ended(Duration wait) throws InterruptedException {
            Status status = end.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (status != null) {
                end.add(status);
            }
            return status;
        }

        StatusRuntimeException error(Duration wait) throws InterruptedException {
            Status status = ended(wait);
            return status == null || status.isOk() ? null : failure;
        }

        private volatile StatusRuntimeException failure;

        @Override
        public void onNext(A value) {
            received.add(value);
        }

        @Override
        public void onError(Throwable t) {
            failure = t instanceof StatusRuntimeException e
                    ? e
                    : Status.fromThrowable(t).asRuntimeException();
            end.add(Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            end.add(Status.OK);
        }
    }
}
