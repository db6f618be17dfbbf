package org.hearth.models.rules;

import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.day.ContactSilences;
import org.hearth.models.day.DayProfile;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.RuleCoverage;

/**
 * Which plain contacts are ways out of this home, learned from the resident's own days (issue 15). A kit
 * whose door was registered without the {@code front-door} role, or a home with a second way out (a back,
 * garden or garage door registered as a plain contact), otherwise takes every outing through it for a
 * silence inside: on the shared real home, with the front door's role removed, 2.72 false alerts per 30
 * days instead of 0.35.
 *
 * <p>A door out shows itself in the silences it opens: the person goes out through it, the whole home
 * is silent for half an hour or more, and the silence ends with the same contact as they come back in.
 * A cupboard or a fridge opens a long silence only when the room's motion sensor misses the person who
 * then sits still, and the silence ends with movement, not with the fridge. So a contact is an exit door
 * when, over the learned days (the baseline's window), it opened at least {@link #MIN_ROUND_TRIPS} long
 * silences that it also ended, and those round trips are at least {@link #MIN_SHARE} of the long silences
 * it opened. Measured on the shared real home (285 days, silences of 30 min or more begun outside the
 * night): the front door opened 291, 221 of them round trips (76 %); the fridge 100 with 22 (at most 35 %
 * in any 28-day window, while the kitchen's motion sensor was dead for months), the utensils drawer 86
 * with 5; with these limits the front door is learned in 239 of 286 windows (the others are the first
 * weeks), no kitchen contact in any.
 *
 * <p>Never learned ({@link RuleCoverage#learnableDoors}): a contact with the front-door role (it is one
 * already), and a contact in a bathroom or a bedroom (a room named so, or the bathroom or bed sensor's): a bathroom door shut for a long bath, or a bedroom door
 * shut for a nap, opens and ends a long silence the way an outing does, and taken for an outing a fall
 * there would wait for {@code not-home}.
 */
public final class ExitDoors {

    /**
     * Round trips over the window before a contact can be a door: several outings, not a fluke. Three, not
     * four: a person who goes out twice a week waits ten days rather than two weeks, during which every
     * outing is judged as a silence inside (the shared home without the door's role: 0.71 false alerts
     * per 30 days at four, 0.35 at three, as with the role; the fridge's three best windows still ended
     * at most 35 % of its silences).
     */
    static final int MIN_ROUND_TRIPS = 3;
    /** The share of a contact's long silences that must end with it for it to be learned as a door. */
    static final double MIN_SHARE = 0.5;
    /**
     * A learned door is forgotten only when the evidence turns against it: the long silences it opened
     * over the window mostly end with something else, its round trips below this share of them. Lower than
     * {@link #MIN_SHARE}: on a kit whose motion sensors fail, a person who closes the door behind a visitor
     * and walks unseen to the bathroom opens silences the door does not end (on the shared home, while its
     * hall, living-room and kitchen sensors were dead, the door's share fell to 0.42 for three weeks; the
     * fridge's never rose above 0.35). And no minimum of round trips to keep it: a person who went out
     * twice in four weeks still has a door (on the simulator, homes whose residents rarely go out lost
     * their door for a day and had the hall judged as a room they are never still in).
     */
    static final double KEEP_SHARE = 1.0 / 3;

    private ExitDoors() {}

    /**
     * The contacts learned as exit doors (sorted ids), from the baseline's window: those with the evidence
     * of a door ({@link #MIN_ROUND_TRIPS}, {@link #MIN_SHARE}), and of {@code learnedBefore} those without
     * clear evidence against ({@link #KEEP_SHARE}).
     */
    public static SortedSet<String> learned(Baseline baseline, Home home, java.util.Collection<String> learnedBefore) {
        SortedSet<String> out = new TreeSet<>();
        if (baseline == null || !baseline.ready()) {
            // None while learning: a learned door's use counts as a front-door use, which takes the 12 h floor of the
            // safety rules off while no learned rule (not-home) stands behind it yet; and a few days are too few.
            return out;
        }
        evidence(baseline, home).forEach((id, c) -> {
            if (learnedBefore.contains(id) ? kept(c) : isDoor(c)) {
                out.add(id);
            }
        });
        return out;
    }

    /** Whether this much evidence makes a door. */
    static boolean isDoor(ContactSilences c) {
        return c.roundTrips() >= MIN_ROUND_TRIPS && c.roundTrips() >= MIN_SHARE * c.opened();
    }

    /** Whether a learned door keeps its place with this evidence. */
    static boolean kept(ContactSilences c) {
        return c.roundTrips() >= KEEP_SHARE * c.opened();
    }

    /**
     * Each candidate contact's long silences over the window (the contacts of the kit that could be learned
     * as doors, those with none included): for the learning status.
     */
    public static SortedMap<String, ContactSilences> evidence(Baseline baseline, Home home) {
        SortedMap<String, ContactSilences> out = new TreeMap<>();
        for (String id : RuleCoverage.learnableDoors(home)) {
            out.put(id, ContactSilences.NONE);
        }
        for (DayProfile d : baseline.window()) {
            for (Map.Entry<String, ContactSilences> e : d.contactSilences().entrySet()) {
                out.computeIfPresent(e.getKey(), (k, v) -> v.plus(e.getValue()));
            }
        }
        return out;
    }
}
