package org.hearth.ingest.control;

import java.util.Objects;

/**
 * A configuration change at run time, from the control topic: the whole new {@code homes.yaml} or
 * {@code thresholds.yaml} as text. Broadcast to every detection subtask; a text that does not parse
 * is refused (logged and counted) and the previous configuration stays.
 *
 * <p>{@link Kind#AWAY} carries a carer's away mode ({@code org.hearth.alerts.ack.AwayCommand} JSON,
 * from the carers' topic, never the control topic) to the alert lifecycle only, which keeps the
 * current away mode per home in broadcast state.
 *
 * @param kind which file this replaces, or an away mode
 * @param text the file's full new content, or the away command's JSON
 */
public record ControlMessage(Kind kind, String text) {

    public enum Kind { HOMES, THRESHOLDS, AWAY }

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

    /** A carer's away mode, as {@code AwayCommand}'s JSON (alerts' {@code AwayCommand.json()}). */
    public static ControlMessage away(String awayCommandJson) {
        return new ControlMessage(Kind.AWAY, awayCommandJson);
    }
}
