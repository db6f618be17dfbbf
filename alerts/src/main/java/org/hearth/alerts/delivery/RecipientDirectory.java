package org.hearth.alerts.delivery;

import java.util.Optional;
import org.hearth.alerts.route.Recipient;
import org.hearth.models.registry.Carer;
import org.hearth.models.registry.Home;

/**
 * Turns a pseudonymous recipient into a phone number, at the last moment before sending: carers
 * and the installer from the kit registry, the duty line from configuration.
 */
public final class RecipientDirectory {

    private final String dutyLine;

    /** @param dutyLine the provider's duty line (E.164), or null when none is configured */
    public RecipientDirectory(String dutyLine) {
        this.dutyLine = dutyLine == null || dutyLine.isBlank() ? null : dutyLine.trim();
    }

    public Optional<String> phone(Home home, Recipient recipient) {
        return switch (recipient.kind()) {
            case CARER -> recipient.index() < home.carers().size()
                    ? Optional.ofNullable(home.carers().get(recipient.index()).phone()) : Optional.empty();
            case INSTALLER -> Optional.ofNullable(home.installer()).map(Carer::phone);
            case DUTY_LINE -> Optional.ofNullable(dutyLine);
            case DIGEST -> Optional.empty();
        };
    }

    /** The pseudonymous id used in logs and audit: {@code h1/carer-0}. */
    public static String logId(Home home, Recipient recipient) {
        return home.id() + "/" + recipient.id();
    }
}
