package org.hearth.job;

import java.util.Objects;

/**
 * A configuration change at run time, from the control topic: the whole new {@code homes.yaml} or
 * {@code thresholds.yaml} as text. Broadcast to every detection subtask; a text that does not parse
 * is refused (logged and counted) and the previous configuration stays.
 *
 * @param kind which file this replaces
 * @param text the file's full new content
 */
public record ControlMessage(Kind kind, String text) {

    public enum Kind { HOMES, THRESHOLDS }

    public ControlMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    public static ControlMessage homes(String yaml) {
        return new ControlMessage(Kind.HOMES, yaml);
    }

    public static ControlMessage thresholds(String yaml) {
        return new ControlMessage(Kind.THRESHOLDS, yaml);
    }
}
