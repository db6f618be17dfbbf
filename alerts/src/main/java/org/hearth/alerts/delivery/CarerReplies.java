package org.hearth.alerts.delivery;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where texts that come back over delivery's own gateway connection go: carers' replies and
 * delivery receipts that an SMPP SMSC sends down the bound transceiver (HTTP gateways call the
 * callback endpoint instead). Replies are read by an {@link org.hearth.alerts.ack.AckHandler} and
 * published on {@code hearth/ack/{homeId}}, the topic the job's carers' source reads, the same path
 * as replies through the callback endpoint; receipts are audited beside the texts they answer.
 * Serializable: it travels with the job graph to the delivery task.
 *
 * @param homesYaml the registry at start (who may text; a number added later is known after a restart)
 * @param brokerUrl the broker the job's carers' source subscribes to
 * @param clientId this publisher's MQTT client id (one delivery task per deployment)
 */
public record CarerReplies(String homesYaml, String brokerUrl, String clientId) implements Serializable {

    public CarerReplies {
        Objects.requireNonNull(homesYaml, "homesYaml");
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(clientId, "clientId");
    }

    /** The registry text as the job's other functions carry it (org.hearth.models.registry.RegistryTexts): not in full once more. */
    @java.io.Serial
    private Object writeReplace() {
        return new SerialForm(this);
    }

    private static final class SerialForm implements Serializable {
        @java.io.Serial
        private static final long serialVersionUID = 1L;
        private transient CarerReplies replies;

        SerialForm(CarerReplies replies) {
            this.replies = replies;
        }

        @java.io.Serial
        private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
            org.hearth.models.registry.RegistryTexts.write(out, replies.homesYaml());
            out.writeUTF(replies.brokerUrl());
            out.writeUTF(replies.clientId());
        }

        @java.io.Serial
        private void readObject(java.io.ObjectInputStream in) throws java.io.IOException {
            replies = new CarerReplies(org.hearth.models.registry.RegistryTexts.read(in), in.readUTF(), in.readUTF());
        }

        @java.io.Serial
        private Object readResolve() {
            return replies;
        }
    }
}
