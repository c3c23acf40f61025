package dev.governor.simulator.pubsub;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.Error;
import com.salesforce.eventbus.protobuf.ErrorCode;
import com.salesforce.eventbus.protobuf.ProducerEvent;
import com.salesforce.eventbus.protobuf.PublishRequest;
import com.salesforce.eventbus.protobuf.PublishResponse;
import com.salesforce.eventbus.protobuf.PublishResult;
import dev.governor.simulator.SimulatorConfig;
import dev.governor.simulator.auth.Session;
import dev.governor.simulator.events.BusEvent;
import dev.governor.simulator.events.EventBus;
import dev.governor.simulator.events.ReplayIds;
import dev.governor.simulator.events.Topic;
import dev.governor.simulator.events.Topics;
import dev.governor.simulator.limits.OrgLimits;
import dev.governor.simulator.org.FieldDefinition;
import dev.governor.simulator.org.SObjectDefinition;
import dev.governor.simulator.schema.AvroPayloads;
import dev.governor.simulator.schema.EventSchemas;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Publish and PublishStream's work: events checked one by one against the topic's current schema, the
 * event's required fields and text lengths, and the limits, each with its own result in order (an event
 * that cannot be read is an error result, never dropped), the good ones put on the event bus together.
 * Publishing spends the hourly allocation that REST publishes share, never the daily API allocation.
 */
@ApplicationScoped
public class Publisher {

    private final Topics topics;
    private final EventSchemas schemas;
    private final EventBus bus;
    private final OrgLimits limits;
    private final StreamFaults faults;
    private final SimulatorConfig.PubSub config;

    public Publisher(
            Topics topics,
            EventSchemas schemas,
            EventBus bus,
            OrgLimits limits,
            StreamFaults faults,
            SimulatorConfig config) {
        this.topics = topics;
        this.schemas = schemas;
        this.bus = bus;
        this.limits = limits;
        this.faults = faults;
        this.config = config.pubsub();
    }

    /** The topic a publish names, if a client may publish to it. */
    Topic publishableTopic(String name, String rpcId) {
        Topic topic = topics.find(name)
                .orElseThrow(() -> PubSubError.TOPIC_NOT_FOUND.exception("No topic " + name + " in this org", rpcId));
        if (!topic.canPublish()) {
            throw PubSubError.TOPIC_PERMISSION.exception("Only Platform Event topics can be published to", rpcId);
        }
        return topic;
    }

    PublishResponse publish(PublishRequest request, Topic topic, Session session, String rpcId) {
        int count = request.getEventsCount();
        if (count == 0 || count > config.maxEventsPerPublish()) {
            throw PubSubError.PUBLISH_EVENT_COUNT.exception(
                    "A publish carries 1 to " + config.maxEventsPerPublish() + " events, not " + count, rpcId);
        }
        Topic current = topics.current(topic);
        EventSchemas.Registered schema = schemas.platformEvent(current.object());
        List<String> keys = new ArrayList<>(count);
        List<String> errors = new ArrayList<>(count);
        List<EventBus.Draft> drafts = new ArrayList<>(count);
        for (ProducerEvent event : request.getEventsList()) {
            String key = event.getId().isEmpty() ? UUID.randomUUID().toString() : event.getId();
            keys.add(key);
            String error = problem(event, schema, current);
            errors.add(error);
            if (error == null) {
                drafts.add(new EventBus.Draft(
                        key, event.getSchemaId(), event.getPayload().toByteArray(), session.clientId()));
            }
        }
        if (!drafts.isEmpty() && !limits.tryPublishEvents(drafts.size())) {
            for (int i = 0; i < count; i++) {
                if (errors.get(i) == null) {
                    errors.set(i, "LIMIT_EXCEEDED: the org's hourly Platform Event publishing allocation is spent");
                }
            }
            drafts.clear();
        }
        List<BusEvent> published = drafts.isEmpty() ? List.of() : bus.publish(List.of(current.name()), drafts);
        PublishResponse.Builder response =
                PublishResponse.newBuilder().setSchemaId(schema.id()).setRpcId(rpcId);
        int next = 0;
        for (int i = 0; i < count; i++) {
            PublishResult.Builder result = PublishResult.newBuilder().setCorrelationKey(keys.get(i));
            if (errors.get(i) != null) {
                result.setError(Error.newBuilder().setCode(ErrorCode.PUBLISH).setMsg(errors.get(i)));
            } else {
                result.setReplayId(ByteString.copyFrom(
                        ReplayIds.encode(published.get(next++).replayId())));
            }
            response.addResults(result);
        }
        return response.build();
    }

    /** A required field left empty or a text too long, as Salesforce refuses such an event; or null. */
    private static String invalidField(Map<String, Object> payload, SObjectDefinition event) {
        List<String> missing = new ArrayList<>();
        for (FieldDefinition field : event.fields()) {
            Object value = payload.get(field.name());
            if (field.required() && (value == null || value.toString().isEmpty())) {
                missing.add(field.name());
            } else if (value instanceof CharSequence text && field.length() > 0 && text.length() > field.length()) {
                return "STRING_TOO_LONG: " + field.name() + ": data value too large (max length=" + field.length()
                        + ")";
            }
        }
        return missing.isEmpty() ? null : "REQUIRED_FIELD_MISSING: Required fields are missing: " + missing;
    }

    /** Why one event cannot be published, or null. */
    private String problem(ProducerEvent event, EventSchemas.Registered schema, Topic topic) {
        if (event.getPayload().size() > config.maxEventBytes()) {
            return "The event is " + event.getPayload().size() + " bytes; an event may have at most "
                    + config.maxEventBytes();
        }
        if (!schema.id().equals(event.getSchemaId())) {
            return "Schema " + event.getSchemaId() + " is not the topic's current schema (" + schema.id()
                    + "); get it with GetTopic and GetSchema";
        }
        Map<String, Object> payload;
        try {
            payload = AvroPayloads.decode(schema.schema(), event.getPayload().toByteArray());
        } catch (AvroPayloads.UnreadablePayload e) {
            return e.getMessage();
        }
        String invalid = invalidField(payload, topic.object());
        if (invalid != null) {
            return invalid;
        }
        if (faults.refusePublish()) {
            return "The event was refused (injected publish fault); publish it again";
        }
        return null;
    }
}
