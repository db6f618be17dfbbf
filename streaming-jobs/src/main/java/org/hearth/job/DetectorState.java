package org.hearth.job;

import org.hearth.models.rules.HomeRulesState;

/**
 * What {@link HomeDetector} keeps per home in its hot keyed value: the rules' state and the deadline
 * timer it registered (one value, because on RocksDB each value costs a read and a write per timer and
 * the timer's timestamp is always read with the rules' state). The learned baseline is kept apart
 * ({@link DetectorStore}).
 */
public final class DetectorState {

    final HomeRulesState rules;
    /** The registered deadline timer (see {@link EventTimers}), or null. */
    Long deadlineTimer;

    public DetectorState(HomeRulesState rules, Long deadlineTimer) {
        this.rules = rules;
        this.deadlineTimer = deadlineTimer;
    }
}
