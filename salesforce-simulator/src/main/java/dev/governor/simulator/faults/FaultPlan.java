package dev.governor.simulator.faults;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/**
 * The faults the simulator injects, as set through {@code PUT /simulator/faults}. Rates are
 * probabilities from 0 to 1. Endpoint groups: {@code collections}, {@code sobjects}, {@code composite},
 * {@code query}, {@code limits}, {@code bulk}, {@code token}; {@code default} applies where a group has no entry.
 *
 * @param latency               added latency per endpoint group
 * @param serverUnavailableRate share of API calls answered 503 SERVER_UNAVAILABLE, per endpoint group
 * @param lockRowRate           share of written records failed with UNABLE_TO_LOCK_ROW
 * @param outageUntil           until this instant (wall clock), every API and token call gets 503
 * @param refuseLogins          every token request is refused with 400 {@code invalid_grant} "authentication
 *                              failure", as when the integration user is frozen or the connected app's
 *                              certificate was replaced
 */
@RegisterForReflection
public record FaultPlan(
        Map<String, Latency> latency,
        Map<String, Double> serverUnavailableRate,
        double lockRowRate,
        Instant outageUntil,
        boolean refuseLogins) {

    public static final String DEFAULT_GROUP = "default";

    public FaultPlan {
        latency = latency == null ? Map.of() : Map.copyOf(latency);
        serverUnavailableRate = serverUnavailableRate == null ? Map.of() : Map.copyOf(serverUnavailableRate);
    }

    public static FaultPlan none() {
        return new FaultPlan(Map.of(), Map.of(), 0, null, false);
    }

    /**
     * Latency to add to a call: {@code fixedMs}, or uniformly between {@code minMs} and {@code maxMs}.
     */
    @RegisterForReflection
    public record Latency(long fixedMs, long minMs, long maxMs) {}
}
