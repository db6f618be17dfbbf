package org.hearth.installer.status;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.hearth.models.alert.Rule;
import org.hearth.models.status.HomeStatus;

/** The statuses as the table {@code hearth status} prints, one row per home. */
public final class StatusTable {

    private static final String[] HEADER = {"HOME", "STATE", "UP", "BED", "KETTLE", "OPEN ALERTS", "SILENT SENSORS", "UPDATED (UTC)"};
    private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm");

    private StatusTable() {}

    public static List<String> render(List<HomeStatus> statuses) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (HomeStatus s : statuses) {
            rows.add(new String[] {
                s.homeId(),
                s.stateText(),
                time(s.baseline().usualRise()),
                time(s.baseline().usualBedtime()),
                time(s.baseline().usualFirstKettle()),
                s.openAlerts().isEmpty() ? "-" : String.join(", ", s.openAlerts()),
                s.silentSensors().isEmpty() ? "-" : String.join(", ", s.silentSensors()),
                UPDATED.format(s.updatedAt().truncatedTo(ChronoUnit.MINUTES)),
            });
        }
        int[] width = new int[HEADER.length];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        });
        List<String> lines = new ArrayList<>();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]);
                if (i < r.length - 1) {
                    line.append(" ".repeat(width[i] - r[i].length() + 2));
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        // Below the table, not a column: each home's calibrated thresholds (once learned), one rule a
        // line in the rules' own order; a status from before they were shown has the stillness limits only.
        for (HomeStatus s : statuses) {
            if (!s.baseline().ruleThresholds().isEmpty()) {
                lines.add(s.homeId() + " thresholds (limit; budget share of false alerts; analyst override):");
                s.baseline().ruleThresholds().entrySet().stream()
                        .sorted(java.util.Comparator.comparingInt(e -> ruleOrder(e.getKey())))
                        .forEach(e -> lines.add("  " + e.getKey() + ": " + e.getValue().text()));
            } else if (!s.baseline().stillnessLimitMinutes().isEmpty()) {
                List<String> limits = new ArrayList<>();
                s.baseline().stillnessLimitMinutes().forEach((context, minutes) -> limits.add(context + " " + minutes + " min"));
                lines.add(s.homeId() + " stillness limits: " + String.join(", ", limits));
            }
            // Plain contacts the resident's own outings showed to be ways out, used as the front door is:
            // an installer who forgot the role, or a back door, sees that the outings through it are told.
            if (!s.baseline().exitDoors().isEmpty()) {
                lines.add(s.homeId() + " exit doors learned from the resident's outings: "
                        + String.join(", ", s.baseline().exitDoors()));
            }
            // The resident's "I'm OK" answers, which the rules now take as normal (a rule answered
            // often is one to review with the family).
            if (!s.baseline().residentOks().isEmpty()) {
                List<String> answers = new ArrayList<>();
                s.baseline().residentOks().forEach((rule, n) -> answers.add(rule + " " + n));
                lines.add(s.homeId() + " resident said OK (last 28 days): " + String.join(", ", answers));
            }
        }
        return lines;
    }

    /** The rules' order in {@link Rule} (not-up, no-kettle, stillness, ...); unknown names last. */
    private static int ruleOrder(String wireName) {
        try {
            return Rule.fromWireName(wireName).ordinal();
        } catch (IllegalArgumentException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String time(LocalTime t) {
        return t == null ? "?" : HHMM.format(t);
    }
}
