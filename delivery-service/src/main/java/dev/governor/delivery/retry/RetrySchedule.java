package dev.governor.delivery.retry;

import dev.governor.common.topic.Topics;
import dev.governor.delivery.config.DeliveryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where and until when a write waits before its next attempt: attempt n (n ≥ 2) waits in retry tier
 * n - 2 (the last tier for every attempt beyond), for that tier's delay plus jitter. Each tier has one
 * delay, so within a tier's partition the records' due times rise with their offsets and a consumer
 * only has to wait for the head.
 */
@ApplicationScoped
public class RetrySchedule {

    private final List<Duration> delays;
    private final double jitter;

    @Inject
    public RetrySchedule(DeliveryConfig config) {
        this(config.retryDelays(), config.retryJitter());
    }

    /** One delay per retry topic, each stretched by up to {@code jitter} of itself at random. */
    public RetrySchedule(List<Duration> delays, double jitter) {
        if (delays.size() != Topics.RECORDS_RETRY.size()) {
            throw new IllegalArgumentException("governor.delivery.retry-delays needs " + Topics.RECORDS_RETRY.size()
                    + " delays, one per retry topic; got " + delays);
        }
        this.delays = List.copyOf(delays);
        this.jitter = jitter;
    }

    /** The retry tier (index into {@link Topics#RECORDS_RETRY}) that holds writes waiting for this attempt. */
    public int tier(int attempt) {
        return Math.max(0, Math.min(attempt - 2, delays.size() - 1));
    }

    public String topic(int attempt) {
        return topicOfTier(tier(attempt));
    }

    public String topicOfTier(int tier) {
        return Topics.RECORDS_RETRY.get(tier);
    }

    /** When a write that must wait a moment without spending an attempt (its record is busy) may be tried. */
    public Instant shortly(Instant now) {
        return notBefore(2, now);
    }

    /** When a write sent to wait now for this attempt may be tried. */
    public Instant notBefore(int attempt, Instant now) {
        long delay = delays.get(tier(attempt)).toMillis();
        long extra = (long) (delay * jitter * ThreadLocalRandom.current().nextDouble());
        return now.plusMillis(delay + extra);
    }
}
