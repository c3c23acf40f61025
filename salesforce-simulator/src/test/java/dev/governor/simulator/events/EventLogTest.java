package dev.governor.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventLogTest {

    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void readsAfterAReplayIdInOrder() {
        EventLog log = log(3, 7, 8, 15);
        assertThat(log.after(-1, 10)).extracting(BusEvent::replayId).containsExactly(3L, 7L, 8L, 15L);
        assertThat(log.after(7, 10)).extracting(BusEvent::replayId).containsExactly(8L, 15L);
        assertThat(log.after(5, 1)).extracting(BusEvent::replayId).containsExactly(7L);
        assertThat(log.after(15, 10)).isEmpty();
        assertThat(log.after(-1, 0)).isEmpty();
    }

    @Test
    void evictsByAgeAndByCapAndRemembersWhatLeft() {
        EventLog log = new EventLog();
        for (int i = 1; i <= 5; i++) {
            log.append(event(i * 10, T0.plusSeconds(i)));
        }
        log.evict(T0.plusSeconds(3), 100); // events published before t0+3 leave
        assertThat(log.earliest()).isEqualTo(30);
        assertThat(log.evictedThrough()).isEqualTo(20);
        log.evict(T0, 2); // the cap keeps the newest two
        assertThat(log.after(-1, 10)).extracting(BusEvent::replayId).containsExactly(40L, 50L);
        assertThat(log.evictedThrough()).isEqualTo(30);
        assertThat(log.size()).isEqualTo(2);
    }

    @Test
    void compactsWithoutLosingItsPlace() {
        EventLog log = new EventLog();
        for (int i = 1; i <= 5000; i++) {
            log.append(event(i, T0));
            log.evict(T0, 100);
        }
        assertThat(log.size()).isEqualTo(100);
        assertThat(log.earliest()).isEqualTo(4901);
        assertThat(log.after(4990, 100)).hasSize(10);
        assertThat(log.latest()).isEqualTo(5000);
    }

    private static EventLog log(long... replayIds) {
        EventLog log = new EventLog();
        for (long id : replayIds) {
            log.append(event(id, T0));
        }
        return log;
    }

    private static BusEvent event(long replayId, Instant at) {
        return new BusEvent(replayId, "uuid-" + replayId, "/event/X__e", "schema", new byte[0], at, "client");
    }
}
