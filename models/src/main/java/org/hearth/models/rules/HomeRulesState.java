package org.hearth.models.rules;

/**
 * Everything the rules keep per home between events: the safety rules' memory (and, as the learned
 * rules land, the open day and the baseline). The streaming job stores one of these per home in
 * keyed state; a backtest loop can keep them in a map.
 */
public final class HomeRulesState {
    public SafetyState safety = new SafetyState();
    /** The latest care day (local, 12:00 boundary) in which the home sent an event. */
    public java.time.LocalDate lastCareDay;
}
