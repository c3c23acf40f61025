package dev.governor.eventbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ProducerEvent;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.PublishRequest;
import com.salesforce.eventbus.protobuf.PublishResponse;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import com.salesforce.eventbus.protobuf.TopicRequest;
import dev.governor.testsupport.SimulatorTokens;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Salesforce → Kafka through the event bridge, measured from outside: Platform Events published to the
 * simulator's Pub/Sub API at an offered rate, each carrying its publish time, and read back from the
 * bridge's Kafka topic with {@code read_committed}, so the latency is publish → committed in Kafka.
 * {@code deploy/local/bench/bridge} runs it on a private stack.
 *
 * <p>Arguments: simulator REST base, Pub/Sub port, Kafka bootstrap, topic, seconds, events/s offered.
 */
public final class InboundBench {

    private static final String TOPIC = "/event/Order_Event__e";

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int pubSubPort = Integer.parseInt(args[1]);
        String bootstrap = args[2];
        String kafkaTopic = args[3];
        int seconds = Integer.parseInt(args[4]);
        int rate = Integer.parseInt(args[5]);

        Metadata headers = new Metadata();
        headers.put(key("accesstoken"), SimulatorTokens.clientCredentials(base));
        headers.put(key("instanceurl"), base);
        headers.put(key("tenantid"), "00D5g000004SIMAEAW");
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", pubSubPort)
                .usePlaintext()
                .build();
        var attach = MetadataUtils.newAttachHeadersInterceptor(headers);
        var blocking = PubSubGrpc.newBlockingStub(channel).withInterceptors(attach);
        String schemaId = blocking.getTopic(
                        TopicRequest.newBuilder().setTopicName(TOPIC).build())
                .getSchemaId();
        Schema schema = new Schema.Parser()
                .parse(blocking.getSchema(
                                SchemaRequest.newBuilder().setSchemaId(schemaId).build())
                        .getSchemaJson());

        KafkaConsumer<String, String> consumer = consumer(bootstrap, kafkaTopic);
        String run = "bench-" + System.currentTimeMillis() + "-";

        Semaphore window = new Semaphore(8);
        AtomicLong published = new AtomicLong();
        StreamObserver<PublishRequest> publishes = PubSubGrpc.newStub(channel)
                .withInterceptors(attach)
                .publishStream(new StreamObserver<>() {
                    @Override
                    public void onNext(PublishResponse response) {
                        published.addAndGet(response.getResultsCount());
                        window.release();
                    }

                    @Override
                    public void onError(Throwable t) {
                        if (!String.valueOf(t.getMessage()).contains("shutdownNow")) {
                            System.err.println("  PublishStream failed: " + t);
                        }
                    }

                    @Override
                    public void onCompleted() {}
                });

        int perRequest = Math.max(1, Math.min(200, rate / 20));
        long interval = TimeUnit.SECONDS.toNanos(perRequest) / rate;
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long next = start;
        long sequence = 0;
        List<Long> latencies = new ArrayList<>();
        long received = 0;
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            if (now >= next && window.tryAcquire()) {
                PublishRequest.Builder request = PublishRequest.newBuilder().setTopicName(TOPIC);
                for (int i = 0; i < perRequest; i++) {
                    request.addEvents(event(schema, schemaId, run + (sequence++) + "@" + System.nanoTime()));
                }
                publishes.onNext(request.build());
                next += interval;
            }
            received += drain(consumer, run, latencies, Duration.ofMillis(1));
        }
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received < sequence && System.nanoTime() < deadline) {
            received += drain(consumer, run, latencies, Duration.ofMillis(200));
        }
        double relaySeconds = (System.nanoTime() - start) / 1e9;
        publishes.onCompleted();
        channel.shutdownNow();
        consumer.close();

        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        System.out.printf(
                "  offered %,d events/s for %d s: published %,d (%,.0f/s), in Kafka %,d (%,.0f/s over %.1f s)%n",
                rate,
                seconds,
                published.get(),
                published.get() / publishSeconds,
                received,
                received / relaySeconds,
                relaySeconds);
        System.out.printf(
                "  publish -> committed in Kafka  p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                percentile(sorted, 50),
                percentile(sorted, 90),
                percentile(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        System.exit(received == sequence ? 0 : 1);
    }

    private static long drain(KafkaConsumer<String, String> consumer, String run, List<Long> latencies, Duration wait)
            throws Exception {
        long count = 0;
        for (ConsumerRecord<String, String> record : consumer.poll(wait)) {
            String number =
                    JSON.readTree(record.value()).path("Order_Number__c").asText();
            if (number.startsWith(run)) {
                latencies.add(System.nanoTime() - Long.parseLong(number.substring(number.indexOf('@') + 1)));
                count++;
            }
        }
        return count;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static KafkaConsumer<String, String> consumer(String bootstrap, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "inbound-bench-" + System.nanoTime());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        return consumer;
    }

    private static ProducerEvent event(Schema schema, String schemaId, String orderNumber) throws Exception {
        GenericRecord record = new GenericData.Record(schema);
        record.put("CreatedDate", System.currentTimeMillis());
        record.put("CreatedById", "005000000000001AAA");
        record.put("Order_Number__c", orderNumber);
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
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
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }
}
