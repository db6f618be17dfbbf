package org.hearth.job;

import java.time.Instant;
import org.apache.flink.streaming.api.TimerService;

/**
 * A home's one deadline timer ({@link DetectorState#deadlineTimer}), moved only when it must.
 *
 * <p>Most events push the home's next deadline later (a movement restarts the stillness and
 * inactivity clocks). Deleting the registered timer and registering the later one on every such event
 * cost two timer-queue updates per event (on RocksDB: two writes and the ordered cache around them),
 * more than the event's own timer. So a registered timer that comes before the deadline is kept: it
 * fires early, finds nothing due ({@link #isEarly}) and is re-armed for the deadline then
 * ({@link #rearm}), without the rules being advanced: today's firings are the same instants as when
 * every move was a delete and a register, so decisions and their order do not change. A deadline
 * that moves earlier than the registered timer still deletes it and registers the earlier one.
 *
 * <p>Exact as long as the rules' state changes only in the detector's firings. It also changes on a
 * help press raised on arrival (live only; an "I'm OK" answer may move a learned deadline) and when
 * the registry changes: there, a re-arm uses the deadline as it is then, where moving on every event
 * kept the older one until the press's own event-time firing, at most the allowed out-of-orderness
 * later.
 */
final class DeadlineTimer {

    private DeadlineTimer() {
    }

    /** The timer for the rules' next deadline, strictly after the timer now firing; null if there is none. */
    static Long wanted(Instant deadline, long firing) {
        return deadline == null ? null : EventTimers.after(deadline, firing);
    }

    /**
     * A firing at the home's registered deadline timer while the rules' next deadline has not passed
     * yet (or there is none): the timer was kept ahead of a deadline that moved later. Nothing is due
     * there, so the rules are not advanced; {@link #rearm} instead.
     */
    static boolean isEarly(DetectorState s, Instant deadline, long firing) {
        return s.deadlineTimer != null && s.deadlineTimer == firing
                && (deadline == null || EventTimers.at(deadline) > firing);
    }

    /** After an early firing: the timer for the deadline as it stands (none if there is none). */
    static void rearm(DetectorState s, Instant deadline, long firing, TimerService timers) {
        Long next = wanted(deadline, firing);
        if (next != null) {
            timers.registerEventTimeTimer(next);
        }
        s.deadlineTimer = next;
    }

    /**
     * Events handed over at the instant of the home's registered deadline timer
     * ({@link PendingEventsOperator}) are that timer's firing, as when each event had a timer of its own
     * and one timer per instant fired for both: the timer is deleted so that it does not fire a second
     * time after them.
     */
    static void firesWithEvents(DetectorState s, long firing, TimerService timers) {
        if (s.deadlineTimer != null && s.deadlineTimer == firing) {
            timers.deleteEventTimeTimer(firing);
        }
    }

    /**
     * After a firing that advanced the rules: keeps the registered timer when it still comes first
     * (it fires early and re-arms), otherwise moves it to {@code next}.
     */
    static void schedule(DetectorState s, Long next, long firing, TimerService timers) {
        Long registered = s.deadlineTimer;
        boolean ahead = registered != null && registered > firing; // registered and not yet fired
        if (ahead && (next == null || next >= registered)) {
            return;
        }
        if (ahead) {
            timers.deleteEventTimeTimer(registered);
        }
        if (next != null) {
            timers.registerEventTimeTimer(next);
        }
        s.deadlineTimer = next;
    }
}
