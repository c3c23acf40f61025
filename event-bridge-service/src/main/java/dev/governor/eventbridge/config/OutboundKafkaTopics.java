package dev.governor.eventbridge.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives the Kafka routes' channels their topics from the routes themselves — this cluster's channel every
 * {@code kafka} route's topic and the replay topic, the other cluster's channel every
 * {@code kafka-external} route's topic (or none, disabled) — so a route is configured once, not once more
 * in a channel. An explicit
 * {@code mp.messaging.incoming.outbound-kafka.topics} still wins (this source has a low ordinal).
 */
public class OutboundKafkaTopics implements ConfigSourceFactory {

    static final String TOPICS = "mp.messaging.incoming.outbound-kafka.topics";
    static final String EXTERNAL_TOPICS = "mp.messaging.incoming.outbound-kafka-external.topics";
    static final String EXTERNAL_ENABLED = "mp.messaging.incoming.outbound-kafka-external.enabled";
    private static final Pattern ROUTE_SOURCE =
            Pattern.compile("^(?:%[^.]+\\.)?governor\\.bridge\\.routes\\.([^.\"]+)\\.source$");
    private static final String DEFAULT_REPLAY_TOPIC = "governor.events.replays.v1";

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        TreeSet<String> routes = new TreeSet<>();
        for (Iterator<String> names = context.iterateNames(); names.hasNext(); ) {
            Matcher route = ROUTE_SOURCE.matcher(names.next());
            if (route.matches()) {
                routes.add(route.group(1));
            }
        }
        TreeSet<String> local = new TreeSet<>();
        TreeSet<String> external = new TreeSet<>();
        for (String route : routes) {
            String source = value(context, "governor.bridge.routes." + route + ".source");
            String topic = value(context, "governor.bridge.routes." + route + ".topic");
            if (source != null && topic != null) {
                switch (source.toLowerCase(Locale.ROOT).replace('_', '-')) {
                    case "kafka" -> local.add(topic);
                    case "kafka-external" -> external.add(topic);
                    default -> {
                        // an MQTT route, or a source the configuration mapping will refuse with its reason
                    }
                }
            }
        }
        String replay = value(context, "governor.bridge.outbound.replay-topic");
        local.add(replay != null ? replay : DEFAULT_REPLAY_TOPIC);
        Map<String, String> channels = new HashMap<>();
        channels.put(TOPICS, String.join(",", local));
        if (external.isEmpty()) {
            channels.put(EXTERNAL_ENABLED, "false"); // no route reads another cluster: no consumer for it
        } else {
            channels.put(EXTERNAL_TOPICS, String.join(",", external));
        }
        return List.of(new PropertiesConfigSource(channels, "governor-bridge-route-topics", 50));
    }
}
