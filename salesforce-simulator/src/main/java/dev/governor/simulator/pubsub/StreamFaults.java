package dev.governor.simulator.pubsub;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Faults of the Pub/Sub API that tests and demos switch on through the admin API: topics whose streams
 * stall (stay open, deliver nothing, send no keepalive — the silent stall clients need a watchdog for),
 * and a share of published events refused.
 */
@ApplicationScoped
public class StreamFaults {

    /** The faults in force. */
    public record Plan(Set<String> stalledTopics, double publishRefusalRate) {
        public Plan {
            stalledTopics = stalledTopics == null
                    ? Set.of()
                    : Set.copyOf(stalledTopics.stream()
                            .map(t -> t.toLowerCase(Locale.ROOT))
                            .toList());
            if (!(publishRefusalRate >= 0 && publishRefusalRate <= 1)) {
                throw new IllegalArgumentException("publishRefusalRate is a share between 0 and 1");
            }
        }

        public static Plan none() {
            return new Plan(Set.of(), 0);
        }
    }

    private volatile Plan plan = Plan.none();

    public Plan plan() {
        return plan;
    }

    public void set(Plan plan) {
        this.plan = plan;
    }

    public boolean stalled(String topic) {
        return plan.stalledTopics().contains(topic.toLowerCase(Locale.ROOT));
    }

    /** Whether to refuse this published event (drawn per event). */
    public boolean refusePublish() {
        double rate = plan.publishRefusalRate();
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }

    public void reset() {
        plan = Plan.none();
    }
}
