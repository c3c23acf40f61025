package dev.governor.simulator.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.simulator.SimulatorClock;
import dev.governor.simulator.faults.Faults;
import dev.governor.simulator.limits.ApiCalls;
import dev.governor.simulator.limits.ConcurrentRequests;
import dev.governor.simulator.limits.OrgLimits;
import jakarta.enterprise.context.ApplicationScoped;

/** The org's state as the admin and inspection API report it. */
@ApplicationScoped
public class OrgStatus {

    private final ObjectMapper json;
    private final OrgLimits limits;
    private final SimulatorClock clock;
    private final ApiCalls calls;
    private final Faults faults;

    public OrgStatus(ObjectMapper json, OrgLimits limits, SimulatorClock clock, ApiCalls calls, Faults faults) {
        this.json = json;
        this.limits = limits;
        this.clock = clock;
        this.calls = calls;
        this.faults = faults;
    }

    public ObjectNode object() {
        return json.createObjectNode();
    }

    public ObjectNode limits() {
        ConcurrentRequests concurrent = limits.concurrentRequests();
        ObjectNode node = object();
        node.putObject("dailyApiRequests").put("max", limits.apiRequestsMax()).put("used", limits.apiRequestsUsed());
        node.putObject("hourlyPublishedPlatformEvents")
                .put("max", limits.publishedEventsMax())
                .put("used", limits.publishedEventsUsed());
        node.putObject("dailyDeliveredPlatformEvents")
                .put("max", limits.deliveredEventsMax())
                .put("used", limits.deliveredEventsUsed());
        node.putObject("concurrentLongRunning")
                .put("cap", concurrent.cap())
                .put("thresholdMs", concurrent.thresholdNanos() / 1_000_000)
                .put("inFlight", concurrent.inFlight())
                .put("longRunning", concurrent.longRunning());
        return node;
    }

    public ObjectNode clock() {
        return object().put("now", clock.now().toString())
                .put("offsetSeconds", clock.offset().toSeconds());
    }

    /** Calls by endpoint group and client, refusals by reason, the concurrency maxima, injected faults. */
    public ObjectNode stats() {
        ConcurrentRequests concurrent = limits.concurrentRequests();
        ObjectNode node = object();
        node.put("apiCalls", calls.total());
        node.set("callsByEndpoint", json.valueToTree(calls.byGroup()));
        node.set("callsByClient", json.valueToTree(calls.byClient()));
        node.set("refused", json.valueToTree(calls.refused()));
        node.set("tokenRequests", json.valueToTree(calls.tokens()));
        node.put("maxCallsPerSecond", calls.maxCallsPerSecond());
        node.put("maxConcurrentRequests", concurrent.maxInFlight());
        node.put("maxConcurrentLongRunning", concurrent.maxLongRunning());
        node.putObject("injected")
                .put("serverUnavailable", faults.injectedServerUnavailable())
                .put("unableToLockRow", faults.injectedLockRow());
        node.set("limits", limits());
        node.set("clock", clock());
        return node;
    }
}
