package org.hearth.alerts.ack;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Objects;
import org.hearth.alerts.route.AwayKind;
import org.hearth.alerts.route.AwayMode;

/**
 * A carer pausing behavioural monitoring ("AWAY hospital 5d") or resuming it ("BACK"), on the home's
 * carers' topic. Payload:
 * <pre>{@code {"homeId":"h1","command":"away","kind":"hospital","until":"2026-11-28T09:10:00Z","by":"carer-0","at":"2026-11-23T09:10:00Z"}}</pre>
 *
 * @param homeId the home
 * @param command {@code away} (set) or {@code back} (end early)
 * @param kind hospital, holiday or visitor (null for back)
 * @param until when the away mode ends by itself (null for back); an away mode always has an end
 * @param by who sent it
 * @param at when it arrived; the away mode starts then
 */
public record AwayCommand(String homeId, String command, AwayKind kind, Instant until, String by, Instant at)
        implements CarerCommand {

    public static final String AWAY = "away";
    public static final String BACK = "back";

    public AwayCommand {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        if (command.equals(AWAY)) {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(until, "until (an away mode must have an end)");
            if (!until.isAfter(at)) {
                throw new IllegalArgumentException("an away mode must end after it starts");
            }
        } else if (!command.equals(BACK)) {
            throw new IllegalArgumentException("command must be away or back, not " + command);
        }
    }

    public static AwayCommand away(String homeId, AwayKind kind, Instant until, String by, Instant at) {
        return new AwayCommand(homeId, AWAY, kind, until, by, at);
    }

    public static AwayCommand back(String homeId, String by, Instant at) {
        return new AwayCommand(homeId, BACK, null, null, by, at);
    }

    @JsonIgnore
    public boolean isBack() {
        return command.equals(BACK);
    }

    /**
     * The away mode in force after this command, given the one in force before (or null): a new
     * mode for {@code away}; for {@code back}, the previous mode cut short at this time (kept, so that
     * a question about an earlier time still has its answer), or null when none was running.
     */
    public AwayMode applyTo(AwayMode previous) {
        if (!isBack()) {
            return new AwayMode(homeId, kind, at, until, by);
        }
        if (previous == null || !previous.activeAt(at)) {
            return previous;
        }
        return previous.from().isBefore(at) ? new AwayMode(homeId, previous.kind(), previous.from(), at, by) : null;
    }
}
