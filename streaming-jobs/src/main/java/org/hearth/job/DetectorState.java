package org.hearth.job;

import org.hearth.models.rules.HomeRulesState;

/**
 * What {@link HomeDetector} keeps per home in one keyed value: the rules' state and the deadline
 * timer it registered. One value rather than two because on RocksDB each value costs a read and a
 * write per timer; the timer's timestamp is always read together with the rules' state.
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
