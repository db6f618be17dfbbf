package org.hearth.models.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorKind;

/**
 * Which rules a home's kit lets Hearth run, and why not the others. A rule whose sensor is missing
 * would stay silent forever, and a family would believe someone is watching: installers see this
 * list before they leave the home.
 */
public final class RuleCoverage {

    private RuleCoverage() {}

    /** Rules that cannot run in this home, each with the reason, in rule order. */
    public static Map<Rule, String> missing(Home home) {
        boolean bed = home.sensorWithRole(SensorRole.BED).isPresent();
        boolean kettle = home.sensorWithRole(SensorRole.KETTLE).isPresent();
        boolean door = home.sensorWithRole(SensorRole.FRONT_DOOR).isPresent();
        boolean bathroom = home.sensorWithRole(SensorRole.BATHROOM).isPresent();
        boolean button = home.sensorWithRole(SensorRole.HELP_BUTTON).isPresent();
        long motionRooms = home.sensors().stream()
                .filter(s -> s.kind() == SensorKind.MOTION && s.room() != null)
                .map(s -> s.room().toLowerCase(java.util.Locale.ROOT))
                .distinct()
                .count();

        Map<Rule, String> missing = new LinkedHashMap<>();
        if (!bed && motionRooms == 0) {
            missing.put(Rule.NOT_UP, "needs a bed sensor (role bed) or motion sensors");
        }
        if (!kettle) {
            missing.put(Rule.NO_KETTLE, "needs a plug with role kettle");
            missing.put(Rule.KETTLE_TREND, "needs a plug with role kettle");
        }
        if (motionRooms == 0) {
            missing.put(Rule.STILLNESS, "needs motion sensors");
            missing.put(Rule.NIGHT_ACTIVITY, "needs motion sensors");
        }
        if (!door) {
            missing.put(Rule.NIGHT_DOOR, "needs a door contact with role front-door");
            // not-home follows the tracker's outings, which a door learned from the resident's outings also starts
            missing.put(Rule.NOT_HOME, "needs a door contact with role front-door"
                    + (learnableDoors(home).isEmpty() ? "" : ", until one is learned (see stillness)"));
        }
        if (motionRooms < 2) {
            missing.put(Rule.UNUSUAL_ROUTES, "needs motion sensors in at least two rooms");
        }
        if (!bathroom) {
            missing.put(Rule.BATHROOM_TREND, "needs a bathroom motion sensor (role bathroom)");
        }
        if (!bed) {
            missing.put(Rule.SLEEP_TREND, "needs a bed sensor (role bed)");
        }
        if (!button) {
            missing.put(Rule.HELP_BUTTON, "needs a button with role help-button");
        }
        return missing;
    }

    /**
     * Rules that run, but see less than they should with this kit, each with what that costs. Without
     * a front-door contact a resident who goes out looks like one sitting still in the last room they
     * were seen in, so the day's outings longer than the stillness day ceiling are raised as stillness:
     * the shared real home replayed without its door contact raised 4.5 false alerts per 30 days
     * instead of 0.5 (models README, "Kits without a door contact"). Installers should know before
     * they leave the home, as with a rule that cannot run at all.
     *
     * @param dayCeiling this home's stillness {@code dayCeiling} (its cohort's and resident's
     *     overrides applied), zero when switched off
     * @param dayCeilingStretched its {@code dayCeilingStretched}, zero or not longer when unused
     */
    public static Map<Rule, String> weakened(Home home, java.time.Duration dayCeiling, java.time.Duration dayCeilingStretched) {
        Map<Rule, String> weakened = new LinkedHashMap<>();
        boolean motion = home.sensors().stream().anyMatch(s -> s.kind() == SensorKind.MOTION);
        if (motion && home.sensorWithRole(SensorRole.FRONT_DOOR).isEmpty()) {
            List<String> learnable = learnableDoors(home);
            weakened.put(Rule.STILLNESS, "no front-door contact: outings cannot be told from stillness, so "
                    + outingRaisedAfter(dayCeiling, dayCeilingStretched) + " is raised as no movement"
                    + (learnable.isEmpty() ? "" : "; until the door is learned: " + String.join(", ", learnable)
                            + " can be learned as the door from the resident's own outings (out through it, the home"
                            + " silent for 30 min or more, back in through it, several times), or give the door role"
                            + " front-door"));
        }
        return weakened;
    }

    /**
     * The contacts that may be learned as a way out of the home from the resident's outings
     * ({@code rules.ExitDoors}): every contact without the front-door role, except those in a bathroom or a
     * bedroom (rooms of the bathroom or bed sensors, or named so), where a door shut for a long bath or a
     * nap opens and ends a long silence as an outing does. Sorted ids.
     */
    public static List<String> learnableDoors(Home home) {
        java.util.Set<String> excluded = new java.util.HashSet<>();
        for (Sensor s : home.sensors()) {
            if (s.room() == null) {
                continue;
            }
            String room = s.room().toLowerCase(java.util.Locale.ROOT);
            if (s.role() == SensorRole.BATHROOM || s.role() == SensorRole.BED || room.contains("bath")
                    || room.contains("toilet") || room.equals("wc") || room.contains("bed")) {
                excluded.add(s.room());
            }
        }
        return home.sensors().stream()
                .filter(s -> s.kind() == SensorKind.CONTACT && s.role() != SensorRole.FRONT_DOOR
                        && (s.room() == null || !excluded.contains(s.room())))
                .map(Sensor::id).sorted().toList();
    }

    private static String outingRaisedAfter(java.time.Duration ceiling, java.time.Duration stretched) {
        if (ceiling.isZero() || ceiling.isNegative()) {
            return "an outing longer than the person's learned limit for the room they were last seen in";
        }
        String text = "an outing by day longer than stillness's day ceiling (at most " + hoursMinutes(ceiling);
        if (stretched.compareTo(ceiling) > 0) {
            text += ", " + hoursMinutes(stretched) + " for a person sometimes still that long";
        }
        // the rule lowers it for a person whose own long silences by day end sooner (StillnessRule.ownCeiling)
        return text + "; less for a person whose own long silences by day end sooner)";
    }

    private static String hoursMinutes(java.time.Duration d) {
        long h = d.toHours();
        long m = d.toMinutesPart();
        return h == 0 ? m + " min" : m == 0 ? h + " h" : h + " h " + m + " min";
    }

    /**
     * The kit the rules need (DESIGN.md): a bed sensor, a kettle plug, a front-door contact and motion
     * in the bathroom and the kitchen. Each absent piece is one line.
     */
    public static List<String> missingEssentials(Home home) {
        List<String> missing = new ArrayList<>();
        if (home.sensorWithRole(SensorRole.BED).isEmpty()) {
            missing.add("no bed sensor (role bed)");
        }
        if (home.sensorWithRole(SensorRole.KETTLE).isEmpty()) {
            missing.add("no kettle plug (role kettle)");
        }
        if (home.sensorWithRole(SensorRole.FRONT_DOOR).isEmpty()) {
            missing.add("no front-door contact (role front-door)");
        }
        if (home.sensorWithRole(SensorRole.BATHROOM).isEmpty()) {
            missing.add("no bathroom motion sensor (role bathroom)");
        }
        boolean kitchenMotion = home.sensorWithRole(SensorRole.KITCHEN).isPresent()
                || home.sensors().stream().anyMatch(s -> s.kind() == SensorKind.MOTION && "kitchen".equalsIgnoreCase(s.room()));
        if (!kitchenMotion) {
            missing.add("no kitchen motion sensor (room kitchen or role kitchen)");
        }
        return missing;
    }
}
