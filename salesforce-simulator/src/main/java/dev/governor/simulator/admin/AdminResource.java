package dev.governor.simulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.simulator.SimulatorClock;
import dev.governor.simulator.auth.Sessions;
import dev.governor.simulator.bulk.QueryJobs;
import dev.governor.simulator.data.RecordStore;
import dev.governor.simulator.events.EventBus;
import dev.governor.simulator.faults.FaultPlan;
import dev.governor.simulator.faults.Faults;
import dev.governor.simulator.limits.ApiCalls;
import dev.governor.simulator.limits.OrgLimits;
import dev.governor.simulator.org.OrgModel;
import dev.governor.simulator.pubsub.StreamFaults;
import dev.governor.simulator.pubsub.Subscriptions;
import dev.governor.simulator.query.QueryCursors;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;

/**
 * Control of the simulated org for tests and demos, under {@code /simulator}: faults, limits, the
 * clock, sessions and reset. Not part of the Salesforce API; never counted against its limits.
 */
@Path("/simulator")
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
public class AdminResource {

    private final Faults faults;
    private final OrgLimits limits;
    private final SimulatorClock clock;
    private final Sessions sessions;
    private final RecordStore store;
    private final EventBus events;
    private final ApiCalls calls;
    private final OrgStatus status;
    private final QueryCursors cursors;
    private final Subscriptions subscriptions;
    private final StreamFaults streamFaults;
    private final OrgModel org;
    private final QueryJobs queryJobs;

    public AdminResource(
            Faults faults,
            OrgLimits limits,
            SimulatorClock clock,
            Sessions sessions,
            RecordStore store,
            EventBus events,
            ApiCalls calls,
            OrgStatus status,
            QueryCursors cursors,
            Subscriptions subscriptions,
            StreamFaults streamFaults,
            OrgModel org,
            QueryJobs queryJobs) {
        this.queryJobs = queryJobs;
        this.subscriptions = subscriptions;
        this.streamFaults = streamFaults;
        this.org = org;
        this.cursors = cursors;
        this.status = status;
        this.faults = faults;
        this.limits = limits;
        this.clock = clock;
        this.sessions = sessions;
        this.store = store;
        this.events = events;
        this.calls = calls;
    }

    @GET
    @Path("/faults")
    public FaultPlan faults() {
        return faults.plan();
    }

    /** Replaces the fault plan; {@code {}} clears every fault. */
    @PUT
    @Path("/faults")
    @Consumes(MediaType.APPLICATION_JSON)
    public FaultPlan setFaults(FaultPlan plan) {
        faults.set(plan == null ? FaultPlan.none() : plan);
        return faults.plan();
    }

    @DELETE
    @Path("/faults")
    public FaultPlan clearFaults() {
        faults.set(FaultPlan.none());
        return faults.plan();
    }

    /**
     * Changes limits at run time: {@code dailyApiRequests}, {@code hourlyPublishedPlatformEvents},
     * {@code dailyDeliveredPlatformEvents}, {@code concurrentLongRunning}, {@code longRunningThresholdMs}.
     */
    @PUT
    @Path("/limits")
    @Consumes(MediaType.APPLICATION_JSON)
    public ObjectNode setLimits(JsonNode body) {
        limits.adjust(
                longOrNull(body, "dailyApiRequests"),
                longOrNull(body, "hourlyPublishedPlatformEvents"),
                longOrNull(body, "dailyDeliveredPlatformEvents"),
                body.has("concurrentLongRunning")
                        ? body.get("concurrentLongRunning").asInt()
                        : null,
                body.has("longRunningThresholdMs")
                        ? Duration.ofMillis(body.get("longRunningThresholdMs").asLong())
                        : null);
        return status.limits();
    }

    /** Moves the org's clock forward: {@code {"seconds": 86400}} frees a daily window. */
    @POST
    @Path("/clock/advance")
    @Consumes(MediaType.APPLICATION_JSON)
    public ObjectNode advanceClock(JsonNode body) {
        if (body == null
                || !body.path("seconds").canConvertToLong()
                || body.path("seconds").asLong() < 0) {
            throw new BadRequestException("Give a non-negative number of seconds: {\"seconds\": 86400}");
        }
        clock.advance(Duration.ofSeconds(body.path("seconds").asLong()));
        return status.clock();
    }

    /** Revokes every live session: the next API call of each client gets 401 INVALID_SESSION_ID. */
    @POST
    @Path("/sessions/revoke")
    public ObjectNode revokeSessions() {
        int revoked = sessions.revokeAll();
        return status.object().put("revoked", revoked);
    }

    /**
     * Back to a fresh org: no records, events, sessions, streams, faults or usage, the org model as
     * loaded, and the real clock.
     */
    @POST
    @Path("/reset")
    public ObjectNode reset() {
        faults.reset();
        limits.reset();
        clock.reset();
        sessions.revokeAll();
        store.reset();
        events.reset();
        subscriptions.reset();
        streamFaults.reset();
        org.reset();
        calls.reset();
        cursors.reset();
        queryJobs.reset();
        return status.object().put("reset", true);
    }

    private static Long longOrNull(JsonNode body, String name) {
        return body != null && body.has(name) ? body.get(name).asLong() : null;
    }
}
