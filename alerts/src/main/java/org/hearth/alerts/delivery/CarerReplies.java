package org.hearth.alerts.delivery;

import java.io.Serializable;
import java.util.Objects;
import org.hearth.models.registry.RegistryText;

/**
 * Where texts that come back over delivery's own gateway connection go: carers' replies and
 * delivery receipts that an SMPP SMSC sends down the bound transceiver (HTTP gateways call the
 * callback endpoint instead). Replies are read by an {@link org.hearth.alerts.ack.AckHandler} and
 * published on {@code hearth/ack/{homeId}}, the topic the job's carers' source reads, the same path
 * as replies through the callback endpoint; receipts are audited beside the texts they answer.
 * Serializable: it travels with the job graph to the delivery task.
 *
 * @param registry the registry at start (who may text; a number added later is known after a restart), carried as
 *     the job's other functions carry it ({@link RegistryText}): not in full once more
 * @param brokerUrl the broker the job's carers' source subscribes to
 * @param clientId this publisher's MQTT client id (one delivery task per deployment)
 */
public record CarerReplies(RegistryText registry, String brokerUrl, String clientId) implements Serializable {

    public CarerReplies {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(clientId, "clientId");
    }

    public CarerReplies(String homesYaml, String brokerUrl, String clientId) {
        this(RegistryText.of(homesYaml), brokerUrl, clientId);
    }

    /** The registry's text. */
    public String homesYaml() {
        return registry.text();
    }
}
