package dev.governor.salesforce.api;

import dev.governor.salesforce.limits.LimitInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects the org usage the client publishes, for assertions. */
@ApplicationScoped
public class UsageSeen {

    private final List<LimitInfo> seen = new CopyOnWriteArrayList<>();

    List<LimitInfo> seen() {
        return seen;
    }

    void onUsage(@Observes LimitInfo info) {
        seen.add(info);
    }
}
