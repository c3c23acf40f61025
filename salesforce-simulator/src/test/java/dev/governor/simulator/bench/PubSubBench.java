package dev.governor.simulator.bench;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ProducerEvent;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.PublishRequest;
import com.salesforce.eventbus.protobuf.PublishResponse;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import com.salesforce.eventbus.protobuf.TopicRequest;
import dev.governor.testsupport.SimulatorTokens;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * The simulator's Pub/Sub API under load, as a real client drives it: one PublishStream publishing
 * Order_Event__e in requests of 200 with a few requests in flight, and one subscriber keeping 100 events
 * requested. Each event carries its publish time, so the subscriber measures publish-to-delivery
 * latency. Prints events/s each way and latency percentiles; {@code deploy/local/bench/pubsub} runs it.
 *
 * <p>Arguments: REST base URL, Pub/Sub port, seconds, events per request, requests in flight, and the
 * offered rate in events/s (0: as fast as the window allows).
 */
public final class PubSubBench {

    private static final String TOPIC = "/event/Order_Event__e";

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int port = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int perRequest = Integer.parseInt(args[3]);
        int inFlight = Integer.parseInt(args[4]);
        int rate = Integer.parseInt(args[5]);

        String token = SimulatorTokens.clientCredentials(base);
        Metadata headers = new Metadata();
        headers.put(key("accesstoken"), token);
        headers.put(key("instanceurl"), base);
        headers.put(key("tenantid"), "00D5g000004SIMAEAW");
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .build();
        var attach = MetadataUtils.newAttachHeadersInterceptor(headers);
        PubSubGrpc.PubSubBlockingStub blocking =
                PubSubGrpc.newBlockingStub(channel).withInterceptors(attach);
        PubSubGrpc.PubSubStub async = PubSubGrpc.newStub(channel).withInterceptors(attach);

        String schemaId = blocking.getTopic(
                        TopicRequest.newBuilder().setTopicName(TOPIC).build())
                .getSchemaId();
        Schema schema = new Schema.Parser()
                .parse(blocking.getSchema(
                                SchemaRequest.newBuilder().setSchemaId(schemaId).build())
                        .getSchemaJson());

        Subscriber subscriber = new Subscriber(schema, seconds);
        subscriber.requests = async.subscribe(subscriber);
        subscriber.requests.onNext(FetchRequest.newBuilder()
                .setTopicName(TOPIC)
                .setReplayPreset(ReplayPreset.LATEST)
                .setNumRequested(100)
                .build());
        Thread.sleep(500); // the subscription is open before the first publish

        AtomicLong published = new AtomicLong();
        AtomicLong publishErrors = new AtomicLong();
        Semaphore window = new Semaphore(inFlight);
        CountDownLatch publishDone = new CountDownLatch(1);
        StreamObserver<PublishRequest> publishes = async.publishStream(new StreamObserver<>() {
            @Override
            public void onNext(PublishResponse response) {
                response.getResultsList().forEach(r -> {
                    if (r.hasError()) {
                        publishErrors.incrementAndGet();
                    } else {
                        published.incrementAndGet();
                    }
                });
                window.release();
            }

            @Override
            public void onError(Throwable t) {
                System.err.println("PublishStream failed: " + t);
                publishDone.countDown();
            }

            @Override
            public void onCompleted() {
                publishDone.countDown();
            }
        });
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long sequence = 0;
        long interval = rate <= 0 ? 0 : TimeUnit.SECONDS.toNanos(perRequest) / rate;
        long nextSend = start;
        while (System.nanoTime() < end) {
            long wait = nextSend - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            nextSend += interval;
            if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                continue;
            }
            PublishRequest.Builder request = PublishRequest.newBuilder().setTopicName(TOPIC);
            for (int i = 0; i < perRequest; i++) {
                request.addEvents(event(schema, schemaId, sequence++));
            }
            publishes.onNext(request.build());
        }
        window.acquire(inFlight); // every request answered
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        publishes.onCompleted();
        subscriber.awaitDelivered(published.get(), 10);
        double deliverSeconds = (subscriber.lastDeliveredNanos - start) / 1e9;

        long[] latencies = subscriber.latencies();
        Arrays.sort(latencies);
        System.out.printf(
                "  published        %,d events in %.1f s: %,.0f events/s (offered %s; %d per request, %d in flight,"
                        + " %,d errors)%n",
                published.get(),
                publishSeconds,
                published.get() / publishSeconds,
                rate <= 0 ? "as fast as answered" : String.format("%,d/s", rate),
                perRequest,
                inFlight,
                publishErrors.get());
        System.out.printf(
                "  delivered        %,d events to one subscriber: %,.0f events/s (100 requested at a time)%n",
                subscriber.delivered.get(), subscriber.delivered.get() / deliverSeconds);
        System.out.printf(
                "  publish->deliver p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                percentile(latencies, 50),
                percentile(latencies, 90),
                percentile(latencies, 99),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6);
        subscriber.requests.onCompleted();
        channel.shutdownNow();
        System.exit(subscriber.delivered.get() == published.get() ? 0 : 1);
    }

    private static ProducerEvent event(Schema schema, String schemaId, long sequence) throws IOException {
        GenericRecord record = new GenericData.Record(schema);
        record.put("CreatedDate", System.currentTimeMillis());
        record.put("CreatedById", "005000000000001AAA");
        record.put("Order_Number__c", Long.toString(System.nanoTime()));
        record.put("Status__c", "bench-" + sequence);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return ProducerEvent.newBuilder()
                .setSchemaId(schemaId)
                .setPayload(ByteString.copyFrom(out.toByteArray()))
                .build();
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }

    /** Keeps 100 events requested and records each event's publish-to-delivery time. */
    private static final class Subscriber implements StreamObserver<FetchResponse> {
        private final GenericDatumReader<GenericRecord> reader;
        private final long[] latencies;
        private final AtomicLong delivered = new AtomicLong();
        private volatile long lastDeliveredNanos;
        private StreamObserver<FetchRequest> requests;

        Subscriber(Schema schema, int seconds) {
            this.reader = new GenericDatumReader<>(schema);
            this.latencies = new long[Math.max(1_000_000, seconds * 50_000)];
        }

        @Override
        public synchronized void onNext(FetchResponse response) {
            long now = System.nanoTime();
            for (ConsumerEvent event : response.getEventsList()) {
                try {
                    GenericRecord record = reader.read(
                            null,
                            DecoderFactory.get()
                                    .binaryDecoder(event.getEvent().getPayload().toByteArray(), null));
                    long sentAt = Long.parseLong(record.get("Order_Number__c").toString());
                    long n = delivered.getAndIncrement();
                    if (n < latencies.length) {
                        latencies[(int) n] = now - sentAt;
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (response.getEventsCount() > 0) {
                lastDeliveredNanos = now;
            }
            int wanted = 100 - response.getPendingNumRequested();
            if (wanted > 0) {
                requests.onNext(
                        FetchRequest.newBuilder().setNumRequested(wanted).build());
            }
        }

        @Override
        public void onError(Throwable t) {
            if (!(t instanceof io.grpc.StatusRuntimeException e
                    && e.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE
                    && String.valueOf(e.getStatus().getDescription()).contains("shutdownNow"))) {
                System.err.println("  Subscribe failed: " + t);
            }
        }

        @Override
        public void onCompleted() {}

        void awaitDelivered(long count, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (delivered.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        synchronized long[] latencies() {
            return Arrays.copyOf(latencies, (int) Math.min(delivered.get(), latencies.length));
        }
    }
}
