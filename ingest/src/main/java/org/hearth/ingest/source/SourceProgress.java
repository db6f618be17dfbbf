package org.hearth.ingest.source;

import java.time.Instant;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;

/**
 * What a reader knows and the watermark needs: whether the broker may still hold messages for it.
 *
 * <p>Why: in live mode the watermark moves with the wall clock while the input is silent, so that
 * silence is detected. After a restart or an outage the broker still holds what was published
 * meanwhile (a help press among it); if time moved to the wall clock before that backlog was read,
 * all of it would be judged late and never texted. Only the reader can tell "silent" from "not yet
 * delivered": so a reader built with {@code MqttSource.Builder#reportProgress} emits, in its record
 * stream, one {@link #BEHIND} marker when it starts and a {@link #CAUGHT_UP} marker (about once a
 * second) while it is subscribed, has nothing buffered, has no acknowledgement outstanding (the
 * broker sends nothing beyond its in-flight window until acknowledged) and has received nothing for
 * a moment. Decoding turns them into marker events; the watermark generator consumes them
 * ({@code time.IdleAwareWatermark}) and {@code time.LateEventRouter} drops them, so nothing after
 * ingest's event-time step ever sees one. Topics starting with {@code $} cannot be published by
 * clients, so no device can forge one.
 */
public final class SourceProgress {

    /** The reader has (re)started: what the broker holds for it is not read yet. */
    public static final String BEHIND = "$hearth/source/behind";
    /** The reader holds nothing and owes no acknowledgement: the broker has nothing more for it. */
    public static final String CAUGHT_UP = "$hearth/source/caught-up";

    private static final String HOME = "$source";

    private SourceProgress() {}

    public static MqttMessage behind(Instant at) {
        return new MqttMessage(BEHIND, new byte[0], at);
    }

    public static MqttMessage caughtUp(Instant at) {
        return new MqttMessage(CAUGHT_UP, new byte[0], at);
    }

    public static boolean isMarker(MqttMessage message) {
        return BEHIND.equals(message.topic()) || CAUGHT_UP.equals(message.topic());
    }

    /** The marker as the event that travels with the decoded events, in order, to the watermark. */
    public static SensorEvent toEvent(MqttMessage marker) {
        String which = CAUGHT_UP.equals(marker.topic()) ? "caught-up" : "behind";
        return SensorEvent.of(HOME, which, marker.receivedAt(), SensorKind.HEARTBEAT, 0);
    }

    public static boolean isMarker(SensorEvent event) {
        return HOME.equals(event.homeId());
    }

    public static boolean isCaughtUp(SensorEvent marker) {
        return "caught-up".equals(marker.sensorId());
    }
}
