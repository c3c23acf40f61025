package dev.governor.simulator.api;

import dev.governor.simulator.faults.Faults;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Holds a response back by the latency planned for its endpoint group. The work is already done when
 * the delay starts — as when Salesforce commits a write and the answer is slow to arrive — and the call
 * keeps its concurrency slot until the answer has left, so slow calls become long-running calls.
 */
public class InjectedLatency {

    private final Faults faults;

    public InjectedLatency(Faults faults) {
        this.faults = faults;
    }

    @ServerResponseFilter
    public Uni<Void> delay(RoutingContext rc) {
        String group = rc.get(ApiGate.GROUP);
        long millis = group == null ? 0 : faults.latencyMillis(group);
        if (millis <= 0) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(millis));
    }
}
