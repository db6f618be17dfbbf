package org.hearth.installer.check;

import java.time.Duration;
import org.hearth.models.time.Durations;

/**
 * How one role test ended.
 *
 * @param test the test
 * @param result confirmed, timed out or skipped by the installer
 * @param after how long after the prompt the reaction came (confirmed) or the wait lasted (timed out)
 */
public record RoleOutcome(RoleTest test, Result result, Duration after) {

    public enum Result { CONFIRMED, TIMED_OUT, SKIPPED }

    static RoleOutcome confirmed(RoleTest test, Duration after) {
        return new RoleOutcome(test, Result.CONFIRMED, after);
    }

    static RoleOutcome timedOut(RoleTest test, Duration waited) {
        return new RoleOutcome(test, Result.TIMED_OUT, waited);
    }

    static RoleOutcome skipped(RoleTest test) {
        return new RoleOutcome(test, Result.SKIPPED, Duration.ZERO);
    }

    public boolean confirmed() {
        return result == Result.CONFIRMED;
    }

    /** One line for the installer, e.g. "role kettle confirmed: kitchen-plug above 1000 W after 4s". */
    public String line() {
        String role = "role " + test.role().wireName();
        return switch (result) {
            case CONFIRMED -> role + " confirmed: " + test.reaction() + " after " + Durations.format(roundUp(after));
            case TIMED_OUT -> role + " NOT confirmed: no reaction from " + test.label() + " (" + test.sensor().id()
                    + ") within " + Durations.format(after) + "; check it is the device on the "
                    + roleThing() + " and in range of its hub";
            case SKIPPED -> role + " NOT confirmed: skipped by the installer";
        };
    }

    private String roleThing() {
        return switch (test.role()) {
            case KETTLE -> "kettle";
            case BED -> "bed";
            case FRONT_DOOR -> "front door";
            case HELP_BUTTON -> "help button";
            case OK_BUTTON -> "\"I'm OK\" button";
            case BATHROOM -> "bathroom";
            case KITCHEN -> "kitchen";
        };
    }

    private static Duration roundUp(Duration d) {
        long s = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
        return Duration.ofSeconds(s);
    }
}
