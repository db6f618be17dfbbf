package org.hearth.models.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryTextsTest {

    /** A registry of many similar homes, as a fleet's is (and not a constant: a fresh String each test). */
    private static String registry(int homes) {
        StringBuilder text = new StringBuilder("homes:\n");
        for (int i = 0; i < homes; i++) {
            text.append("  - {id: h").append(i).append(", resident: {id: r").append(i).append(", alias: \"A.B.\"}, sensors: [")
                    .append("{id: bed, kind: bed, room: bedroom, role: bed}, {id: pir-kitchen, kind: motion, room: kitchen}]}\n");
        }
        return text.toString();
    }

    private static byte[] written(String... texts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            for (String t : texts) {
                RegistryTexts.write(out, t);
            }
        }
        return bytes.toByteArray();
    }

    private static String[] read(byte[] bytes, int count) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            String[] texts = new String[count];
            for (int i = 0; i < count; i++) {
                texts[i] = RegistryTexts.read(in);
            }
            return texts;
        }
    }

    @AfterEach
    void forget() {
        RegistryTexts.forgetAll();
    }

    @Test
    void aTextReadInTheJvmThatWroteIt_isTheSameInstance_andTravelsCompressed() throws IOException {
        String text = registry(2_000);
        byte[] bytes = written(text, text);

        String[] back = read(bytes, 2);

        assertThat(back[0]).isSameAs(text);
        assertThat(back[1]).isSameAs(text);
        assertThat(bytes.length).as("two copies, compressed").isLessThan(text.length() / 4);
    }

    @Test
    void aTextReadElsewhere_isInflatedOnce_andThenShared() throws IOException {
        String text = registry(500) + "# é ü, a comment in UTF-8\n";
        byte[] bytes = written(text);
        RegistryTexts.forgetAll(); // as on another machine, which never saw the text

        String first = read(bytes, 1)[0];
        String second = read(bytes, 1)[0];

        assertThat(first).isEqualTo(text).isNotSameAs(text);
        assertThat(second).isSameAs(first);
    }

    @Test
    void nullAndAnotherText_roundTrip() throws IOException {
        String one = registry(3);
        String other = registry(4);

        String[] back = read(written(null, one, other, one), 4);

        assertThat(back[0]).isNull();
        assertThat(back[1]).isSameAs(one);
        assertThat(back[2]).isSameAs(other);
        assertThat(back[3]).isSameAs(one);
    }

    @Test
    void aTextThatDoesNotMatchItsDigest_isRefused() throws IOException {
        String text = registry(50);
        byte[] bytes = written(text);
        RegistryTexts.forgetAll();
        byte[] digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        int at = indexOf(bytes, digest);
        assertThat(at).as("the digest is written").isPositive();
        bytes[at] ^= 1;

        assertThatThrownBy(() -> read(bytes, 1)).isInstanceOf(InvalidObjectException.class).hasMessageContaining("digest");
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }
}
