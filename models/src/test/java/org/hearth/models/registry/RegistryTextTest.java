package org.hearth.models.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryTextTest {

    private static final String PRIVATE = "homes:\n  - {id: h1, resident: {id: r1, alias: \"J.S.\"}, carers: [{name: Sam Smith, phone: \"+447700900123\"}]}\n";

    /** A record holding the text, as the job's configurations do: no serial form of its own. */
    private record Holder(RegistryText registry, String other) implements Serializable {}

    @AfterEach
    void forget() {
        RegistryTexts.forgetAll();
    }

    private static byte[] serialized(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Object deserialized(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    @Test
    void aRecordHoldingIt_travelsCompressed_andComesBackWithTheInstanceThisJvmHolds() throws Exception {
        StringBuilder fleet = new StringBuilder("homes:\n");
        for (int i = 0; i < 2_000; i++) {
            fleet.append("  - {id: h").append(i).append(", resident: {id: r").append(i).append(", alias: \"A.B.\"}}\n");
        }
        String text = fleet.toString();
        Holder holder = new Holder(RegistryText.of(text), "x");

        byte[] bytes = serialized(holder);
        Holder back = (Holder) deserialized(bytes);

        assertThat(back).isEqualTo(holder);
        assertThat(back.registry().text()).isSameAs(text);
        assertThat(bytes.length).as("compressed, not the text in full").isLessThan(text.length() / 4);
    }

    @Test
    void readOnAnotherMachine_isTheSameText() throws Exception {
        byte[] bytes = serialized(new Holder(RegistryText.of(PRIVATE), "x"));
        RegistryTexts.forgetAll();

        Holder back = (Holder) deserialized(bytes);

        assertThat(back.registry().text()).isEqualTo(PRIVATE);
    }

    @Test
    void printsNoResidentOrCarerData() {
        Holder holder = new Holder(RegistryText.of(PRIVATE), "x");

        assertThat(holder.toString()).doesNotContain("Sam", "+44", "J.S.").contains("RegistryText[" + PRIVATE.length() + " chars]");
    }

    @Test
    void equalTexts_areEqualValues_andNullIsRefused() {
        assertThat(RegistryText.of(new String(PRIVATE))).isEqualTo(RegistryText.of(PRIVATE)).hasSameHashCodeAs(RegistryText.of(PRIVATE));
        assertThat(RegistryText.of(PRIVATE)).isNotEqualTo(RegistryText.of(PRIVATE + "#"));
        assertThatThrownBy(() -> RegistryText.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aStreamWithoutItsText_isRefused() throws Exception {
        byte[] bytes = serialized(new Holder(RegistryText.of(PRIVATE), "x"));
        // Cut the stream inside the compressed text: refused with a clear error, not a holder without its registry.
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 40);
        RegistryTexts.forgetAll();

        assertThatThrownBy(() -> deserialized(cut)).isInstanceOf(IOException.class);
    }
}
