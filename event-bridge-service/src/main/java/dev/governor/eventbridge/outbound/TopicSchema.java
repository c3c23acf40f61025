package dev.governor.eventbridge.outbound;

import com.salesforce.eventbus.protobuf.TopicInfo;
import dev.governor.salesforce.auth.SalesforceSession;
import dev.governor.salesforce.pubsub.PubSubClient;
import java.time.Duration;
import org.apache.avro.Schema;

/**
 * A Platform Event topic's current schema, as GetTopic names it and GetSchema gives it (the client caches
 * schemas by id). Asked once and then kept until a publish says the topic's schema changed — a field added
 * in Setup — when it is asked again: the next publish uses the new schema, nothing is lost.
 * Blocking: called from a publisher's own thread.
 */
final class TopicSchema {

    private static final Duration CALL_LIMIT = Duration.ofSeconds(30);

    /** The schema id events are published under, and the schema itself. */
    record Current(String id, Schema schema) {}

    private final String topic;
    private final PubSubClient client;
    private Current current;
    private long askedAtNanos;

    TopicSchema(String topic, PubSubClient client) {
        this.topic = topic;
        this.client = client;
    }

    Current current(SalesforceSession session) {
        if (current == null) {
            TopicInfo info = client.topic(topic, session).await().atMost(CALL_LIMIT);
            if (!info.getCanPublish()) {
                throw new IllegalStateException("The org does not let Governor publish to " + topic);
            }
            Schema schema = client.schema(info.getSchemaId(), session).await().atMost(CALL_LIMIT);
            current = new Current(info.getSchemaId(), schema);
            askedAtNanos = System.nanoTime();
        }
        return current;
    }

    /**
     * Asks for the schema again if it was asked before {@code nanos} (when an event that does not fit it was
     * taken in): the event may fit a newer one, with a field added since. True if it will be asked again.
     */
    boolean recheckIfAskedBefore(long nanos) {
        if (current != null && askedAtNanos - nanos < 0) {
            current = null;
            return true;
        }
        return false;
    }

    /** Forgets the schema: the topic's schema changed since it was asked. */
    void changed() {
        current = null;
    }
}
