package org.hearth.alerts.ack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import org.hearth.models.json.HearthJson;

/**
 * What a carer (or the installer) tells Hearth by text, as it travels on the home's MQTT topic
 * {@code hearth/ack/{homeId}} to the detection job: an {@link Acknowledgement} ("OK 4821") or an
 * {@link AwayCommand} ("AWAY hospital 5d", "BACK"). One topic and one stream for both, so the
 * job has one subscription for everything carers say.
 */
public sealed interface CarerCommand permits Acknowledgement, AwayCommand {

    String homeId();

    /** Pseudonymous id of who sent it ({@code carer-0}, {@code installer}). */
    String by();

    /** When it arrived at the callback endpoint (wall clock); the job applies it at this event time. */
    Instant at();

    /** {@code hearth/ack/{homeId}}: the topic every carer command of a home is published on. */
    static String topic(String homeId) {
        return Acknowledgement.topic(homeId);
    }

    /**
     * Reads a payload of the carers' topic: an acknowledgement has a {@code code}, an away command a
     * {@code command} of {@code away} or {@code back}.
     *
     * @throws IOException when it is neither (the caller counts and keeps it)
     */
    static CarerCommand read(byte[] payload) throws IOException {
        JsonNode node = HearthJson.json().readTree(payload);
        if (node == null || !node.isObject()) {
            throw new IOException("not a JSON object");
        }
        try {
            if (node.hasNonNull("code")) {
                return HearthJson.json().treeToValue(node, Acknowledgement.class);
            }
            if (node.hasNonNull("command")) {
                return HearthJson.json().treeToValue(node, AwayCommand.class);
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        throw new IOException("neither an acknowledgement (code) nor an away command (command)");
    }

    /** The JSON payload for the carers' topic. */
    default byte[] payload() throws IOException {
        return HearthJson.json().writeValueAsBytes(this);
    }

    /** The same JSON as text (a {@code ControlMessage} carries an away command so to the lifecycle). */
    default String json() {
        return new String(payloadUnchecked(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private byte[] payloadUnchecked() {
        try {
            return payload();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
