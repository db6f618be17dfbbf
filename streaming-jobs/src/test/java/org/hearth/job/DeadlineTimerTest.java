package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.TimerService;
import org.hearth.models.rules.HomeRulesState;
import org.junit.jupiter.api.Test;

class DeadlineTimerTest {

    /** The event-time timers deleted through it. */
    private static final class DeletedTimers implements TimerService {
        final List<Long> deleted = new ArrayList<>();

        @Override public long currentProcessingTime() { return 0; }
        @Override public long currentWatermark() { return 0; }
        @Override public void registerProcessingTimeTimer(long time) { throw new AssertionError("not used"); }
        @Override public void registerEventTimeTimer(long time) { throw new AssertionError("not registered here"); }
        @Override public void deleteProcessingTimeTimer(long time) { throw new AssertionError("not used"); }
        @Override public void deleteEventTimeTimer(long time) { deleted.add(time); }
    }

    @Test
    void eventsAtTheDeadlineTimersInstantAreItsFiring() {
        DetectorState s = new DetectorState(new HomeRulesState(), null);
        DeletedTimers timers = new DeletedTimers();

        s.deadlineTimer = 5_000L;
        DeadlineTimer.firesWithEvents(s, 5_000L, timers);
        DeadlineTimer.firesWithEvents(s, 4_999L, timers); // another instant: the timer still fires at its own
        s.deadlineTimer = null;
        DeadlineTimer.firesWithEvents(s, 5_000L, timers);

        assertThat(timers.deleted).containsExactly(5_000L);
    }
}
