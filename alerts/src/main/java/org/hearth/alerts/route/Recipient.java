package org.hearth.alerts.route;

import java.io.Serializable;
import java.util.Objects;

/**
 * A pseudonymous recipient: what logs, audit records and idempotency keys name instead of a person
 * or a phone number. The number is looked up only at the moment of sending.
 *
 * @param kind carer, installer, duty line or digest
 * @param index position in the home's carer list for {@link RecipientKind#CARER}, otherwise 0
 */
public record Recipient(RecipientKind kind, int index) implements Serializable {

    public Recipient {
        Objects.requireNonNull(kind, "kind");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0");
        }
    }

    public static Recipient carer(int index) {
        return new Recipient(RecipientKind.CARER, index);
    }

    public static final Recipient INSTALLER = new Recipient(RecipientKind.INSTALLER, 0);
    public static final Recipient DUTY_LINE = new Recipient(RecipientKind.DUTY_LINE, 0);
    public static final Recipient DIGEST = new Recipient(RecipientKind.DIGEST, 0);

    /** {@code carer-0}, {@code installer}, {@code duty-line}, {@code digest}: safe for logs. */
    public String id() {
        return switch (kind) {
            case CARER -> "carer-" + index;
            case INSTALLER -> "installer";
            case DUTY_LINE -> "duty-line";
            case DIGEST -> "digest";
        };
    }

    /** Whether a text to this recipient is an SMS (the digest is collected instead). */
    public boolean texted() {
        return kind != RecipientKind.DIGEST;
    }

    @Override
    public String toString() {
        return id();
    }
}
