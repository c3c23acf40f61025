package dev.governor.simulator.limits;

import dev.governor.simulator.SimulatorClock;
import dev.governor.simulator.SimulatorConfig;
import dev.governor.simulator.SimulatorConfig.Edition;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The org's limits, sized by edition and licences as Salesforce sizes them, unless configured
 * explicitly: the daily API allocation, the concurrent long-running request cap, and the Platform Event
 * publishing and delivery allocations.
 */
@ApplicationScoped
public class OrgLimits {

    private final SimulatorClock clock;
    private final SimulatorConfig.Limits config;
    private final RollingAllocation dailyApiRequests;
    private final RollingAllocation hourlyPublishedEvents;
    private final RollingAllocation dailyDeliveredEvents;
    private final ConcurrentRequests concurrentRequests;

    public OrgLimits(SimulatorConfig config, SimulatorClock clock) {
        this.clock = clock;
        this.config = config.limits();
        this.dailyApiRequests = new RollingAllocation(24 * 60, defaultDailyApiRequests());
        this.hourlyPublishedEvents = new RollingAllocation(60, defaultHourlyPublishedEvents());
        this.dailyDeliveredEvents = new RollingAllocation(24 * 60, defaultDailyDeliveredEvents());
        this.concurrentRequests = new ConcurrentRequests(
                this.config.longRunningThreshold().toNanos(), defaultConcurrentLongRunning(), System::nanoTime);
    }

    /** Counts one API call against the daily allocation; false when it is spent. */
    public boolean tryConsumeApiRequest() {
        return dailyApiRequests.tryConsume(1, clock.nowMillis());
    }

    public long apiRequestsUsed() {
        return dailyApiRequests.used(clock.nowMillis());
    }

    public long apiRequestsMax() {
        return dailyApiRequests.max();
    }

    /** Takes publishing allocation for a whole publish call; false when it would exceed the hourly allocation. */
    public boolean tryPublishEvents(int count) {
        return hourlyPublishedEvents.tryConsume(count, clock.nowMillis());
    }

    public long publishedEventsUsed() {
        return hourlyPublishedEvents.used(clock.nowMillis());
    }

    public long publishedEventsMax() {
        return hourlyPublishedEvents.max();
    }

    public boolean tryDeliverEvents(int count) {
        return dailyDeliveredEvents.tryConsume(count, clock.nowMillis());
    }

    public long deliveredEventsUsed() {
        return dailyDeliveredEvents.used(clock.nowMillis());
    }

    public long deliveredEventsMax() {
        return dailyDeliveredEvents.max();
    }

    public ConcurrentRequests concurrentRequests() {
        return concurrentRequests;
    }

    /** Changes limits at run time (admin API); absent values stay as they are. */
    public void adjust(
            Long dailyApiMax,
            Long hourlyPublishMax,
            Long dailyDeliveryMax,
            Integer concurrentCap,
            Duration longRunningThreshold) {
        if (dailyApiMax != null) {
            dailyApiRequests.setMax(dailyApiMax);
        }
        if (hourlyPublishMax != null) {
            hourlyPublishedEvents.setMax(hourlyPublishMax);
        }
        if (dailyDeliveryMax != null) {
            dailyDeliveredEvents.setMax(dailyDeliveryMax);
        }
        if (concurrentCap != null || longRunningThreshold != null) {
            concurrentRequests.configure(
                    longRunningThreshold != null ? longRunningThreshold.toNanos() : concurrentRequests.thresholdNanos(),
                    concurrentCap != null ? concurrentCap : concurrentRequests.cap());
        }
    }

    /** Back to the configured limits with nothing used. */
    public void reset() {
        dailyApiRequests.reset();
        hourlyPublishedEvents.reset();
        dailyDeliveredEvents.reset();
        dailyApiRequests.setMax(defaultDailyApiRequests());
        hourlyPublishedEvents.setMax(defaultHourlyPublishedEvents());
        dailyDeliveredEvents.setMax(defaultDailyDeliveredEvents());
        concurrentRequests.configure(config.longRunningThreshold().toNanos(), defaultConcurrentLongRunning());
        concurrentRequests.resetMaxima();
    }

    private long defaultDailyApiRequests() {
        return config.dailyApiRequests().orElseGet(() -> switch (config.edition()) {
            case DEVELOPER -> 15_000L;
            case ENTERPRISE -> 100_000L + 1_000L * config.licenses();
            case UNLIMITED, PERFORMANCE -> 100_000L + 5_000L * config.licenses();
        });
    }

    private int defaultConcurrentLongRunning() {
        return config.concurrentLongRunning().orElse(config.edition() == Edition.DEVELOPER ? 5 : 25);
    }

    private long defaultHourlyPublishedEvents() {
        return config.hourlyPublishedPlatformEvents()
                .orElse(config.edition() == Edition.DEVELOPER ? 50_000L : 250_000L);
    }

    private long defaultDailyDeliveredEvents() {
        return config.dailyDeliveredPlatformEvents().orElseGet(() -> switch (config.edition()) {
            case DEVELOPER -> 10_000L;
            case ENTERPRISE -> 25_000L;
            case UNLIMITED, PERFORMANCE -> 50_000L;
        });
    }
}
