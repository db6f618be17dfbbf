package org.hearth.job;

import org.hearth.alerts.lifecycle.LifecycleState;

/**
 * Whether the alert lifecycle may apply an urgent raise (a help press, {@link RuleDecision#urgent()})
 * the moment it arrives instead of when the watermark passes it, and still end exactly where the
 * event-time order would have taken it: the same alert, id, reply code, texts and times, live and
 * in replay.
 *
 * <p>It may when no alert is open for the (resident, rule) and nothing waits for it at or before
 * the press. Then, in event-time order, the raise would also meet no open alert, so it opens the
 * same alert at the press's own time; whatever arrives later for the key (the event-time raise of
 * the same press, a later press, the clear, a carer's reply, the escalation wake-up) lands on that
 * alert as it would have. The event-time raise of the same press is then the second raise and is
 * ignored (at most one open alert per resident and rule), so the carer is texted once.
 *
 * <p>Otherwise the raise waits in event-time order like any decision, and the lifecycle keeps
 * whichever comes first: an alert already open takes the press as a repeat (a redelivered press, a
 * second press of the same episode); a clear or a raise still waiting may change what the press
 * means (the episode ended just before it), so only event time decides. This costs the watermark
 * wait only in those rare cases: a press within the out-of-orderness of a help alert clearing.
 *
 * <p>One case is not the same: an earlier-stamped press that arrives after a later one was already
 * applied (two presses of one home, reordered in transit within the out-of-orderness). The first
 * arrival has been texted and cannot be unsent, so live keeps it, while event time (replay) would
 * date the alert by the earlier press. The press is still alerted, once, seconds apart.
 */
final class UrgentRaise {

    private UrgentRaise() {
    }

    /**
     * @param raise an urgent raise
     * @param open the (resident, rule)'s open alert, or null
     * @param waiting the commands for the same key that wait for the watermark
     */
    static boolean appliesAtOnce(RuleDecision raise, LifecycleState open, Iterable<LifecycleCommand> waiting) {
        if (!raise.urgent() || open != null) {
            return false;
        }
        for (LifecycleCommand c : waiting) {
            if (!c.at().isAfter(raise.at())) {
                return false;
            }
        }
        return true;
    }
}
