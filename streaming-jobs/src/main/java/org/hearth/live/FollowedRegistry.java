package org.hearth.live;

import java.io.Serializable;
import java.util.Optional;
import org.hearth.job.ControlMessage;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.RegistryLoader;

/**
 * The kit registry as a broadcast function sees it when it follows the control topic: the text in
 * its broadcast state (or the file the job started with), parsed once per change rather than per
 * element. A registry text that does not load is refused and the previous one stays.
 */
final class FollowedRegistry implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String KEY = ControlMessage.Kind.HOMES.name();

    private final String initialHomes;
    private transient String homesSeen;
    private transient KitRegistry registry;

    FollowedRegistry(String initialHomes) {
        this.initialHomes = initialHomes;
    }

    /** The registry for the text held in broadcast state under {@link #KEY} (null: none applied yet). */
    KitRegistry current(String broadcastText) {
        String homes = broadcastText == null ? initialHomes : broadcastText;
        // Identity, not equals: broadcast state is on the heap and hands back the same String.
        if (registry == null || homes != homesSeen) {
            remember(homes, parse(homes));
        }
        return registry;
    }

    /**
     * The registry a control message carries, if it is a registry that loads; it becomes the current
     * one once its text is in broadcast state. Empty for other kinds of control message.
     *
     * @throws RuntimeException (the loader's) when the text does not load: the caller logs and keeps the previous one
     */
    Optional<KitRegistry> accept(ControlMessage message) {
        if (message.kind() != ControlMessage.Kind.HOMES) {
            return Optional.empty();
        }
        KitRegistry next = parse(message.text());
        remember(message.text(), next);
        return Optional.of(next);
    }

    private void remember(String homes, KitRegistry parsed) {
        registry = parsed;
        homesSeen = homes;
    }

    private static KitRegistry parse(String homes) {
        return new RegistryLoader().parse("homes.yaml", homes);
    }
}
