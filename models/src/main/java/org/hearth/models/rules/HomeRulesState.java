package org.hearth.models.rules;

/**
 * Everything the rules keep per home between events: the safety rules' memory and the learned rules' open days and baseline. The streaming job stores one of these per home in
 * keyed state; a backtest loop can keep them in a map.
 */
public final class HomeRulesState {
    public SafetyState safety = new SafetyState();
    /** The learned rules' memory: activity tracker history, open days, baseline. */
    public LearnedState learned = new LearnedState();
    /** The resident id {@link #learned} belongs to ({@link ResidentChange}); null on a state stored before it was recorded. */
    public String learnedFor;
    /** The latest care day (local, 12:00 boundary) in which the home sent an event. */
    public java.time.LocalDate lastCareDay;
}
