package org.hearth.alerts.lifecycle;

import java.time.Instant;
import java.util.Objects;
import org.hearth.models.alert.Rule;
import org.hearth.models.explain.Explanation;

/**
 * What drives one (resident, rule) lifecycle, each at an event time. The Flink job turns rule
 * firings, clearances, acknowledgements from the MQTT ack topic, "I'm OK" presses and its own
 * event-time timers into these.
 */
public sealed interface LifecycleInput {

    Instant at();

    /** The rule fired: open an alert unless one is open already (then ignored: at most one open). */
    record Raise(Rule rule, Instant at, Explanation explanation) implements LifecycleInput {
        public Raise {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(at, "at");
            explanation = explanation == null ? Explanation.of(null, null) : explanation;
        }
    }

    /** The condition cleared ("up at 09:20"): resolve, or cancel a pre-alert nobody was texted for. */
    record Clear(Instant at, String how) implements LifecycleInput {
        public Clear {
            Objects.requireNonNull(at, "at");
        }
    }

    /** The event-time timer the last transition asked for ({@link Transition#wakeAt()}) has fired. */
    record Tick(Instant at) implements LifecycleInput {
        public Tick {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A carer replied "OK code". Any carer acknowledges for all.
     *
     * @param by pseudonymous id of who replied ({@code carer-1}, {@code duty-line})
     */
    record Acknowledge(Instant at, String code, String by) implements LifecycleInput {
        public Acknowledge {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(by, "by");
        }
    }

    /** The resident pressed "I'm OK" on the home's device during a pre-alert. */
    record ResidentOk(Instant at) implements LifecycleInput {
        public ResidentOk {
            Objects.requireNonNull(at, "at");
        }
    }
}
