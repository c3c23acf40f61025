package dev.governor.delivery.config;

import java.util.List;

/**
 * Delivery's SmallRye Reactive Messaging channels, by the names application.properties configures them
 * under ({@code mp.messaging.incoming.<name>.*}, {@code mp.messaging.outgoing.<name>.*}).
 */
public final class Channels {

    /** Fresh writes from the records topic. */
    public static final String RECORDS = "records";

    /** Writes waiting for another attempt, one channel per retry topic. */
    public static final String RETRY_1 = "retry-1";

    public static final String RETRY_2 = "retry-2";

    public static final String RETRY_3 = "retry-3";

    /** Every channel delivery takes writes from: what pausing delivery pauses. */
    public static final List<String> INCOMING = List.of(RECORDS, RETRY_1, RETRY_2, RETRY_3);

    /** What became of each write, for the ingress's request status. */
    public static final String OUTCOMES = "outcomes";

    /** Writes sent to wait in a retry topic (the topic is chosen per record). */
    public static final String RETRIES = "retries";

    /** Writes that cannot succeed, with the reason. */
    public static final String DEAD_LETTERS = "dead-letters";

    /** Records delivery could not read at all, put on the dead-letter topic as they came. */
    public static final String UNREADABLE = "unreadable";

    /** Dead letters an operator sent back to the records topic. */
    public static final String REPLAYS = "replays";

    private Channels() {}
}
