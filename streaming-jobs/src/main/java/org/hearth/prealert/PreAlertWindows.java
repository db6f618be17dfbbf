package org.hearth.prealert;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hearth.alerts.route.AwayMode;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.models.alert.Rule;
import org.hearth.models.registry.Home;
import org.hearth.models.rules.RuleOutcome;

/**
 * One home's "I'm OK" windows, as plain logic (the job keeps one per home in keyed state). It
 * reads the home's rule decisions in the order the lifecycle will apply them and decides, as the
 * lifecycle does, which raise opens a pre-alert: a rule whose severity has a pre-alert window, in a
 * home with a help button, not silenced by an away mode, not already open. A help-button press
 * inside an open window is then the resident's answer: it becomes a {@code ResidentOk} for every
 * rule whose window is open (which cancels them before any carer is texted), and it does not also
 * raise a help-button alert. A press outside every window is a help press as always.
 *
 * <p>Why the press is not also a help alert: the request asked "press if you are OK"; texting the
 * carers "J.S. pressed the help button" would answer the opposite. A resident who needs help
 * presses again after the window (a few minutes), or the cancelled rule's condition persists and
 * raises again. A press is consumed once: the urgent (on-arrival) and the event-time raise of the
 * same press both turn into the same ResidentOk.
 */
@com.fasterxml.jackson.annotation.JsonAutoDetect(fieldVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY,
        getterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
public final class PreAlertWindows implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What the gate lets through for one decision. */
    public sealed interface Out {
        /** The decision unchanged. */
        record Pass(RuleOutcome outcome) implements Out {}

        /** The resident answered the pre-alert of {@code rule} at {@code at}. */
        record ResidentOk(Rule rule, Instant at) implements Out {}
    }

    // Keyed state (JSON in checkpoints): plain string keys, rule wire names and ISO instants.
    /** Open windows: rule → end of the window. */
    private Map<String, String> windows = new LinkedHashMap<>();
    /** Rules whose alert is open (a second raise opens nothing), with their raise time. */
    private Map<String, String> open = new LinkedHashMap<>();
    /** Presses already answered (the urgent copy and the event-time copy of one press) → the rules answered. */
    private Map<String, List<String>> answered = new LinkedHashMap<>();

    /**
     * @param outcome a decision of this home, in lifecycle order
     * @param home the home now
     * @param policy the deployment's escalation policy (its pre-alert windows)
     * @param away the home's away mode, or null
     */
    public List<Out> apply(RuleOutcome outcome, Home home, EscalationPolicy policy, AwayMode away) {
        Objects.requireNonNull(outcome, "outcome");
        Instant at = outcome.at();
        windows.values().removeIf(end -> !at.isBefore(Instant.parse(end)));
        answered.keySet().removeIf(t -> Instant.parse(t).isBefore(at.minus(Duration.ofHours(1))));
        Rule rule = outcome.rule();
        String name = rule.wireName();
        if (rule == Rule.HELP_BUTTON && outcome.change() == RuleOutcome.Change.RAISE) {
            if (answered.containsKey(at.toString())) {
                return List.of(); // the other copy of a press already answered
            }
            if (!windows.isEmpty()) {
                List<Out> oks = new ArrayList<>();
                List<String> rules = new ArrayList<>(windows.keySet());
                rules.forEach(r -> oks.add(new Out.ResidentOk(Rule.fromWireName(r), at)));
                answered.put(at.toString(), rules);
                windows.clear();
                rules.forEach(open::remove);
                return oks;
            }
            return List.of(new Out.Pass(outcome));
        }
        if (outcome.change() == RuleOutcome.Change.CLEAR) {
            open.remove(name);
            windows.remove(name);
        } else if (!open.containsKey(name)) {
            open.put(name, at.toString());
            Duration window = policy.preAlertWindow(rule.severity());
            boolean asked = window != null && home.canAnswerPreAlert()
                    && (away == null || !away.silences(rule, at));
            if (asked) {
                windows.put(name, at.plus(window).toString());
            }
        }
        return List.of(new Out.Pass(outcome));
    }

    /**
     * A press at {@code at} on an {@code ok-button}: the answer to every open window (once per press,
     * as for the help button), or nothing. Unlike a help press it never passes as a help alert.
     */
    public List<Out.ResidentOk> answer(Instant at) {
        windows.values().removeIf(end -> !at.isBefore(Instant.parse(end)));
        answered.keySet().removeIf(t -> Instant.parse(t).isBefore(at.minus(Duration.ofHours(1))));
        if (answered.containsKey(at.toString()) || windows.isEmpty()) {
            return List.of();
        }
        List<String> rules = new ArrayList<>(windows.keySet());
        answered.put(at.toString(), rules);
        windows.clear();
        rules.forEach(open::remove);
        return rules.stream().map(r -> new Out.ResidentOk(Rule.fromWireName(r), at)).toList();
    }

    /** Whether a pre-alert is open at {@code at} (for tests and status). */
    public boolean waiting(Instant at) {
        return windows.values().stream().anyMatch(end -> at.isBefore(Instant.parse(end)));
    }
}
