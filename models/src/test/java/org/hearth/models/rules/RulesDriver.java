package org.hearth.models.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.registry.Home;
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.TestHomes;

/**
 * Drives {@link HomeRules} for one home as the streaming job does: before each event the deadlines
 * up to it fire, then the event, then time moves to the event; in silence the single timer fires
 * each next deadline in turn. Collects every outcome.
 */
final class RulesDriver {

    final HomeRules rules;
    final List<RuleOutcome> outcomes = new ArrayList<>();
    HomeRulesState state = new HomeRulesState();

    RulesDriver(Home home, RuleSettings settings) {
        this.rules = new HomeRules(home, settings);
    }

    RulesDriver() {
        this(TestHomes.standardHome(), RuleSettings.DEFAULTS);
    }

    void feed(List<SensorEvent> events) {
        for (SensorEvent e : events) {
            advanceTo(e.ts().minusNanos(1));
            outcomes.addAll(rules.onEvent(state, e));
            outcomes.addAll(rules.advanceTo(state, e.ts()));
        }
    }

    /** Silence up to {@code until}: the job's timer fires each next deadline in turn, then the watermark reaches it. */
    void advanceTo(Instant until) {
        Optional<Instant> next = rules.nextDeadline(state);
        while (next.isPresent() && !next.get().isAfter(until)) {
            outcomes.addAll(rules.advanceTo(state, next.get()));
            Optional<Instant> after = rules.nextDeadline(state);
            if (after.equals(next)) {
                throw new AssertionError("deadline " + next.get() + " did not move after it fired");
            }
            next = after;
        }
        outcomes.addAll(rules.advanceTo(state, until)); // the watermark reaches until (day closes happen here)
    }

    /**
     * One event on a state of the caller's, as the job takes it: the deadlines strictly before it fire,
     * then the event, then time moves to it. For comparing two states' decisions event by event.
     */
    static List<RuleOutcome> step(HomeRules rules, HomeRulesState state, SensorEvent e) {
        List<RuleOutcome> out = new ArrayList<>();
        for (Optional<Instant> d = rules.nextDeadline(state); d.isPresent() && d.get().isBefore(e.ts());
                d = rules.nextDeadline(state)) {
            out.addAll(rules.advanceTo(state, d.get()));
        }
        out.addAll(rules.onEvent(state, e));
        out.addAll(rules.advanceTo(state, e.ts()));
        return out;
    }

    /** {@code days} care days of the plain routine from {@code first}, rising at 07:30-07:40. */
    void learn(RoutineEvents routine, LocalDate first, int days) {
        for (int i = 0; i < days; i++) {
            feed(routine.day(first.plusDays(i), 7 * 60 + 30 + (i % 3) * 5));
        }
    }

    List<RuleOutcome> of(Rule rule) {
        return outcomes.stream().filter(o -> o.rule() == rule).toList();
    }

    List<RuleOutcome> raised(Rule rule) {
        return outcomes.stream().filter(o -> o.rule() == rule && o.change() == RuleOutcome.Change.RAISE).toList();
    }

    static Instant local(LocalDate d, String time) {
        return TestHomes.at(d, time, TestHomes.LONDON);
    }
}
