package org.hearth.models.registry;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * A registry text ({@code homes.yaml} or its JSON) as a value the job's functions hold: serialized the way
 * {@link RegistryTexts} writes it (compressed once per JVM, read back as the instance this JVM holds), so that a
 * record or function carrying one needs no serial form of its own.
 *
 * <p>{@link #toString()} does not print the text: it holds residents' and carers' names and numbers, and a record
 * holding it prints its components.
 */
public final class RegistryText implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Written and read by {@link RegistryTexts} (see {@link #writeObject}), not by default serialization. */
    private transient String text;

    private RegistryText(String text) {
        this.text = text;
    }

    public static RegistryText of(String text) {
        return new RegistryText(Objects.requireNonNull(text, "registry text"));
    }

    /** The text itself. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistryText other && (text == other.text || text.equals(other.text));
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "RegistryText[" + text.length() + " chars]";
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        RegistryTexts.write(out, text);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        text = RegistryTexts.read(in);
        if (text == null) {
            throw new InvalidObjectException("a registry text is missing");
        }
    }
}
