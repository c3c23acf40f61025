package dev.governor.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.simulator.limits.OrgLimits;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /services/data/vXX.X/limits}, consistent with {@code Sforce-Limit-Info} (this call included). */
@Path("/services/data/v{version}/limits")
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
public class LimitsResource {

    private final OrgLimits limits;
    private final SalesforceJson json;

    public LimitsResource(OrgLimits limits, SalesforceJson json) {
        this.limits = limits;
        this.json = json;
    }

    @GET
    public ObjectNode limits() {
        ObjectNode body = json.mapper().createObjectNode();
        limit(body, "DailyApiRequests", limits.apiRequestsMax(), limits.apiRequestsUsed());
        limit(body, "HourlyPublishedPlatformEvents", limits.publishedEventsMax(), limits.publishedEventsUsed());
        limit(body, "DailyDeliveredPlatformEvents", limits.deliveredEventsMax(), limits.deliveredEventsUsed());
        limit(body, "DailyBulkV2QueryJobs", 10_000, 0);
        limit(body, "DailyBulkApiBatches", 15_000, 0);
        return body;
    }

    private static void limit(ObjectNode body, String name, long max, long used) {
        body.putObject(name).put("Max", max).put("Remaining", Math.max(0, max - used));
    }
}
