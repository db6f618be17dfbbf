package org.hearth.models.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.explain.Explanation;

/**
 * What a help-button press is, and the {@code help-button} raise it makes: one place, shared by
 * {@link SafetyRules} (which raises in event-time order, once per episode) and the detection job's
 * urgent path (which raises on arrival, ahead of the watermark, because the help button alerts at
 * once: DESIGN.md, urgent severity). Both must give the same outcome for the same press, so that
 * the alert lifecycle finds the same alert whichever arrives first and keeps one.
 *
 * <p>The help button is the only rule that a single event decides with no other state: every other
 * urgent rule (not up, stillness, out at night and not back) is a deadline or needs the learned
 * baseline, so it cannot be judged on arrival.
 */
public final class HelpPress {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private HelpPress() {
    }

    /**
     * A press is a {@code button} reading that is on. The help button's own heartbeats, battery
     * reports and availability are not presses, even though they come from the help-button sensor
     * (found by the 50-home simulation: hourly check-ins had been read as presses).
     */
    public static boolean isPress(SensorEvent event) {
        return event.kind() == SensorKind.BUTTON && event.isOn();
    }

    /**
     * A press on a help press's device in {@code home}: any button but an
     * {@link org.hearth.models.registry.SensorRole#OK_BUTTON ok-button}, which only answers "I'm OK".
     */
    public static boolean isHelpPress(SensorEvent event, org.hearth.models.registry.Home home) {
        return isPress(event) && !isOkButton(event, home);
    }

    /** A press on an {@code ok-button}: an answer to an open "I'm OK" pre-alert, nothing else. */
    public static boolean isOkPress(SensorEvent event, org.hearth.models.registry.Home home) {
        return isPress(event) && isOkButton(event, home);
    }

    private static boolean isOkButton(SensorEvent event, org.hearth.models.registry.Home home) {
        return home.sensor(event.sensorId()).map(s -> s.role() == org.hearth.models.registry.SensorRole.OK_BUTTON)
                .orElse(false);
    }

    /** The {@code help-button} raise for a press at {@code at}, explained in the home's local time. */
    public static RuleOutcome raise(Instant at, ZoneId zone) {
        String clock = CLOCK.format(at.atZone(zone));
        return RuleOutcome.raise(Rule.HELP_BUTTON, at, new Explanation(
                "help button not pressed",
                "help button pressed at " + clock,
                Map.of("since", clock)));
    }

    /**
     * The raise to send at once for {@code event}, if it is a press: the same outcome as the one
     * {@link SafetyRules#onEvent} gives when the press opens an episode. Whether it does open one
     * (no alert already open) is the alert lifecycle's to decide.
     */
    public static Optional<RuleOutcome> urgentRaise(SensorEvent event, ZoneId zone) {
        return isPress(event) ? Optional.of(raise(event.ts(), zone)) : Optional.empty();
    }

    /** As {@link #urgentRaise(SensorEvent, ZoneId)}, for a help press of {@code home} only (not an ok-button). */
    public static Optional<RuleOutcome> urgentRaise(SensorEvent event, org.hearth.models.registry.Home home) {
        return isHelpPress(event, home) ? Optional.of(raise(event.ts(), home.zone())) : Optional.empty();
    }
}
