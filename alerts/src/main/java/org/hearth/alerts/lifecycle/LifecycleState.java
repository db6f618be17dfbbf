package org.hearth.alerts.lifecycle;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hearth.alerts.route.Recipient;
import org.hearth.models.alert.Rule;
import org.hearth.models.alert.Severity;
import org.hearth.models.explain.Explanation;

/**
 * The state of one open alert, small and plain so that Flink keyed state (or a file) can hold it:
 * a few hundred bytes. There is no state for "no alert open": the lifecycle returns null and the
 * job clears its keyed state, so an idle (resident, rule) costs nothing.
 *
 * @param alertId deterministic id
 * @param homeId the home
 * @param residentId the resident
 * @param rule the rule
 * @param raisedAt event time of the raise
 * @param replyCode 4-digit code carers reply with
 * @param expected explanation, what is usual
 * @param observed explanation, what happened
 * @param facts explanation facts (sorted)
 * @param phase where it stands
 * @param nextStep the position in the escalation order to text next
 * @param texted recipients texted so far, in order
 * @param wakeAt when the lifecycle wants a {@link LifecycleInput.Tick}, or null
 */
public record LifecycleState(
        String alertId,
        String homeId,
        String residentId,
        Rule rule,
        Instant raisedAt,
        String replyCode,
        String expected,
        String observed,
        TreeMap<String, String> facts,
        Phase phase,
        int nextStep,
        List<Recipient> texted,
        Instant wakeAt) implements Serializable {

    public LifecycleState {
        facts = facts == null ? new TreeMap<>() : new TreeMap<>(facts);
        texted = texted == null ? List.of() : List.copyOf(texted);
    }

    public Severity severity() {
        return rule.severity();
    }

    public Explanation explanation() {
        return new Explanation(expected, observed, Map.copyOf(facts));
    }

    LifecycleState with(Phase newPhase, int newNextStep, List<Recipient> newTexted, Instant newWakeAt) {
        return new LifecycleState(alertId, homeId, residentId, rule, raisedAt, replyCode, expected, observed, facts,
                newPhase, newNextStep, newTexted, newWakeAt);
    }

    /** The same alert with newer facts (its expectation, id, code and progress kept). */
    LifecycleState withExplanation(Explanation news) {
        return new LifecycleState(alertId, homeId, residentId, rule, raisedAt, replyCode, expected, news.observed(),
                new TreeMap<>(news.facts()), phase, nextStep, texted, wakeAt);
    }

    List<Recipient> textedPlus(Recipient recipient) {
        List<Recipient> list = new ArrayList<>(texted);
        if (recipient.texted() && !list.contains(recipient)) {
            list.add(recipient);
        }
        return list;
    }
}
