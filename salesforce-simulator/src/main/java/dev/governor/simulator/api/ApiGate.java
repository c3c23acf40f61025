package dev.governor.simulator.api;

import dev.governor.simulator.SimulatorConfig;
import dev.governor.simulator.auth.Session;
import dev.governor.simulator.auth.Sessions;
import dev.governor.simulator.faults.Faults;
import dev.governor.simulator.limits.ApiCalls;
import dev.governor.simulator.limits.ConcurrentRequests;
import dev.governor.simulator.limits.OrgLimits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every REST call passes before it reaches a resource, in Salesforce's order: the org's outage
 * window, the API version, the session (401 INVALID_SESSION_ID), the daily allocation (403
 * REQUEST_LIMIT_EXCEEDED "TotalRequests"), the concurrent long-running cap (403 REQUEST_LIMIT_EXCEEDED
 * "ConcurrentRequests"), and injected 503s. Every counted response carries {@code Sforce-Limit-Info}.
 * Runs on the event loop and never blocks.
 */
@ApplicationScoped
public class ApiGate {

    /** Routing-context keys the resources read. */
    public static final String SESSION = "simulator.session";

    public static final String VERSION = "simulator.version";
    public static final String GROUP = "simulator.group";

    private static final Pattern VERSIONED = Pattern.compile("^/services/data/v(\\d+\\.\\d)(/.*)?$");

    private final Sessions sessions;
    private final OrgLimits limits;
    private final Faults faults;
    private final ApiCalls calls;
    private final SimulatorConfig config;

    public ApiGate(Sessions sessions, OrgLimits limits, Faults faults, ApiCalls calls, SimulatorConfig config) {
        this.sessions = sessions;
        this.limits = limits;
        this.faults = faults;
        this.calls = calls;
        this.config = config;
    }

    void install(@Observes Router router) {
        router.routeWithRegex("^/services/.*").order(-100).handler(this::handle);
        // What no resource answered: Salesforce's JSON 404, never the framework's HTML page.
        router.routeWithRegex("^/services/.*")
                .last()
                .handler(rc -> reject(rc, 404, "NOT_FOUND", "The requested resource does not exist", false));
    }

    void handle(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (path.length() > "/services/".length() && path.endsWith("/")) {
            // Salesforce answers /services/data/ and /services/data/v62.0/ as without the slash
            rc.reroute(rc.request().method(), rerouted(rc, path.substring(0, path.length() - 1)));
            return;
        }
        if (faults.inOutage()) {
            calls.refuse("OUTAGE");
            reject(
                    rc,
                    503,
                    "SERVER_UNAVAILABLE",
                    "Server temporarily unavailable for maintenance; please try again later",
                    false);
            return;
        }
        if (path.startsWith("/services/oauth2/")) {
            rc.put(GROUP, "token");
            rc.next();
            return;
        }
        Matcher versioned = VERSIONED.matcher(path);
        if (!versioned.matches()) {
            rc.next(); // the versions list: no session needed, not counted
            return;
        }
        if (!config.org().apiVersions().contains(versioned.group(1))) {
            reject(rc, 404, "NOT_FOUND", "The requested resource does not exist", false);
            return;
        }
        String group = groupOf(versioned.group(2));
        Session session = sessions.find(bearerToken(rc)).orElse(null);
        if (session == null) {
            calls.refuse("INVALID_SESSION_ID");
            reject(rc, 401, "INVALID_SESSION_ID", "Session expired or invalid", false);
            return;
        }
        if (!limits.tryConsumeApiRequest()) {
            calls.refuse("TOTAL_REQUESTS_LIMIT");
            reject(rc, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", true);
            return;
        }
        ConcurrentRequests concurrent = limits.concurrentRequests();
        long ticket = concurrent.tryEnter();
        if (ticket < 0) {
            calls.refuse("CONCURRENT_REQUESTS_LIMIT");
            reject(
                    rc,
                    403,
                    "REQUEST_LIMIT_EXCEEDED",
                    "ConcurrentRequests (Concurrent API Requests) Limit exceeded.",
                    true);
            return;
        }
        rc.addEndHandler(ended -> concurrent.exit(ticket));
        rc.addHeadersEndHandler(v -> putLimitInfo(rc));
        calls.record(group, session.clientId());
        if (faults.failCall(group)) {
            calls.refuse("INJECTED_SERVER_UNAVAILABLE");
            reject(rc, 503, "SERVER_UNAVAILABLE", "Server temporarily unavailable; please try again later", false);
            return;
        }
        rc.put(SESSION, session);
        rc.put(VERSION, versioned.group(1));
        rc.put(GROUP, group);
        rc.next();
    }

    /** The endpoint group faults and call counts are kept by. */
    static String groupOf(String rest) {
        if (rest == null || rest.equals("/")) {
            return "resources";
        }
        if (rest.startsWith("/composite/sobjects")) {
            return "collections";
        }
        if (rest.startsWith("/composite")) {
            return "composite";
        }
        if (rest.startsWith("/sobjects")) {
            return "sobjects";
        }
        if (rest.startsWith("/query")) {
            return "query";
        }
        if (rest.startsWith("/limits")) {
            return "limits";
        }
        if (rest.startsWith("/jobs")) {
            return "bulk";
        }
        return "other";
    }

    private void putLimitInfo(RoutingContext rc) {
        rc.response()
                .putHeader(
                        "Sforce-Limit-Info", "api-usage=" + limits.apiRequestsUsed() + "/" + limits.apiRequestsMax());
    }

    private void reject(RoutingContext rc, int status, String code, String message, boolean limitInfo) {
        if (limitInfo) {
            putLimitInfo(rc);
        }
        rc.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json;charset=UTF-8")
                .end(new JsonArray()
                        .add(new JsonObject().put("message", message).put("errorCode", code))
                        .encode());
    }

    private static String rerouted(RoutingContext rc, String path) {
        String query = rc.request().query();
        return query == null ? path : path + "?" + query;
    }

    private static String bearerToken(RoutingContext rc) {
        String authorization = rc.request().getHeader("Authorization");
        if (authorization == null) {
            return null;
        }
        for (String scheme : new String[] {"Bearer ", "OAuth "}) {
            if (authorization.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return authorization.substring(scheme.length()).trim();
            }
        }
        return null;
    }
}
