package dev.governor.eventbridge.outbound;

import java.util.HashMap;
import java.util.Map;

/** Outbound routes for test profiles: each publishes Order_Event__e with its source id in Source_Event_Id__c. */
final class TestRoutes {

    private final Map<String, String> config = new HashMap<>();

    TestRoutes() {
        config.put("quarkus.oidc-client.salesforce.client-enabled", "true");
    }

    /** A route from a source ({@code kafka}, {@code kafka-external}, {@code mqtt}) and its topic. */
    TestRoutes route(String name, String source, String topic) {
        set(name, "source", source);
        set(name, "topic", topic);
        set(name, "event", "Order_Event__e");
        set(name, "id-field", "Source_Event_Id__c");
        return this;
    }

    /** A key of the route's: {@code id-pointer}, {@code fields.Order_Number__c}, … */
    TestRoutes set(String route, String key, String value) {
        config.put("governor.bridge.routes." + route + "." + key, value);
        return this;
    }

    TestRoutes with(String key, String value) {
        config.put(key, value);
        return this;
    }

    Map<String, String> config() {
        return config;
    }
}
