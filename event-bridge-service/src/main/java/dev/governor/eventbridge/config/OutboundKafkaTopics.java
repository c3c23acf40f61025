package dev.governor.eventbridge.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives the Kafka routes' channel its topics from the routes themselves — every Kafka route's topic and
 * the replay topic — so a route is configured once, not once more in the channel. An explicit
 * {@code mp.messaging.incoming.outbound-kafka.topics} still wins (this source has a low ordinal).
 */
public class OutboundKafkaTopics implements ConfigSourceFactory {

    static final String TOPICS = "mp.messaging.incoming.outbound-kafka.topics";
    private static final Pattern ROUTE_SOURCE =
            Pattern.compile("^(?:%[^.]+\\.)?governor\\.bridge\\.routes\\.([^.\"]+)\\.source$");
    private static final String DEFAULT_REPLAY_TOPIC = "governor.events.replays.v1";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        TreeSet<String> routes = new TreeSet<>();
        for (Iterator<String> names = context.iterateNames(); names.hasNext(); ) {
            Matcher route = ROUTE_SOURCE.matcher(names.next());
            if (route.matches()) {
                routes.add(route.group(1));
            }
        }
        TreeSet<String> topics = new TreeSet<>();
        for (String route : routes) {
            ConfigValue source = context.getValue("governor.bridge.routes." + route + ".source");
            ConfigValue topic = context.getValue("governor.bridge.routes." + route + ".topic");
            if (source != null
                    && source.getValue() != null
                    && source.getValue().toLowerCase(Locale.ROOT).equals("kafka")
                    && topic != null
                    && topic.getValue() != null) {
                topics.add(topic.getValue());
            }
        }
        ConfigValue replay = context.getValue("governor.bridge.outbound.replay-topic");
        topics.add(replay != null && replay.getValue() != null ? replay.getValue() : DEFAULT_REPLAY_TOPIC);
        return List.of(new PropertiesConfigSource(
                Map.of(TOPICS, String.join(",", topics)), "governor-bridge-route-topics", 50));
    }
}
