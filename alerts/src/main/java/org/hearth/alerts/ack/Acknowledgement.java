package org.hearth.alerts.ack;

import java.time.Instant;
import java.util.Objects;

/**
 * The payload of the MQTT ack topic ({@code hearth/ack/{homeId}}): who (pseudonymously) replied
 * with which code, when. The job turns it into {@code LifecycleInput.Acknowledge} for every open
 * alert of the home; only the alert with that code takes it.
 *
 * @param homeId the home
 * @param code the 4-digit reply code
 * @param by {@code carer-1}, {@code installer}
 * @param at when the reply arrived (wall clock of the endpoint)
 */
public record Acknowledgement(String homeId, String code, String by, Instant at) implements CarerCommand {

    public Acknowledgement {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }

    /** {@code hearth/ack/{homeId}}. */
    public static String topic(String homeId) {
        return "hearth/ack/" + homeId;
    }
}
