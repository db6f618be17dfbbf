package org.hearth.installer.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hearth.models.time.Durations;

/**
 * The kit check as a text table: one row per registered sensor, then the unregistered devices.
 * Pure rendering: the same rows are redrawn on a terminal and printed once at the end in a log.
 */
public final class CheckTable {

    private static final String[] HEADER = {"SENSOR", "WHAT", "ROLE", "STATUS", "LAST VALUE", "BATTERY", "LINK", "LAST HEARD"};

    private CheckTable() {}

    /** The table as lines, with "ago" times relative to {@code now}. */
    public static List<String> render(KitCheck check, Instant now) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (SensorSighting s : check.sightings()) {
            rows.add(new String[] {
                s.sensor().id(),
                s.label(),
                s.sensor().role() == null ? "-" : s.sensor().role().wireName(),
                status(s),
                s.lastKind() == null ? "-" : ValueText.of(s.lastKind(), s.lastValue()),
                s.battery() == null ? "-" : s.battery() + "%",
                s.linkQuality() == null ? "-" : s.linkQuality().toString(),
                s.lastSeen() == null ? "-" : ago(s.lastSeen(), now),
            });
        }
        List<String> lines = aligned(rows);
        for (UnregisteredDevice d : check.unregistered()) {
            lines.add("unregistered: '" + d.name() + "' on " + d.topic() + ", " + d.messages()
                    + (d.messages() == 1 ? " message" : " messages") + ", last " + ago(d.lastSeen(), now));
        }
        if (check.lastRejection() != null) {
            int count = check.rejected().values().stream().mapToInt(Integer::intValue).sum();
            lines.add("rejected: " + count + (count == 1 ? " message" : " messages") + ", last " + check.lastRejection());
        }
        return lines;
    }

    private static String status(SensorSighting s) {
        if (s.seen()) {
            return Boolean.FALSE.equals(s.online()) ? "seen, now offline" : "seen";
        }
        String silent = s.required() ? "SILENT" : "silent";
        if (s.retainedOnly()) {
            return silent + " (retained only)";
        }
        if (s.online() != null) {
            return silent + (s.online() ? " (hub: online)" : " (hub: offline)");
        }
        return silent;
    }

    static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        return Durations.format(Duration.ofSeconds(d.toSeconds())) + " ago";
    }

    private static List<String> aligned(List<String[]> rows) {
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(width[i] - row[i].length() + 2));
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
