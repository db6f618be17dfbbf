package org.hearth.models.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How a registry text travels inside a Flink job's serialized functions: compressed, with its SHA-256, and back as the
 * one {@code String} this JVM already holds for that digest.
 *
 * <p>Why: a live job's functions each carry the registry text (the detector, the lifecycle, ingest's decoder, status,
 * delivery...), and Flink serializes every function on its own, so a 100,000-home registry (94 MB) was written and
 * read again about ten times at each start, and held ten times over (BENCHMARKS.md, the job's start). Written here, a
 * text is compressed once per JVM (the same {@code String} instance is written by every function); read in the JVM
 * that wrote it (a local run, as {@code hearth run}'s) or one that read it before, it is not even inflated, and every
 * function gets the same instance, which {@link RegistryLoader#parse} recognises at once. On another machine (a
 * Flink cluster) it is inflated once and checked against its digest.
 */
public final class RegistryTexts {

    /** Texts by digest: the registry at start and a few changes; a job holds one or two. */
    private static final int KEPT = 4;
    private static final Map<Digest, String> KNOWN = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Digest, String> eldest) {
            return size() > KEPT;
        }
    };
    /** The text written last and its form: every function of a job writes the same instance. */
    private static String lastText;
    private static Encoded lastEncoded;

    private RegistryTexts() {}

    private record Digest(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Digest d && Arrays.equals(bytes, d.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    private record Encoded(Digest digest, int length, byte[] deflated) {}

    /** Writes {@code text} (may be null). */
    public static void write(ObjectOutput out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        Encoded e = encoded(text);
        out.writeInt(e.length());
        out.write(e.digest().bytes());
        out.writeInt(e.deflated().length);
        out.write(e.deflated());
    }

    /** Reads a text {@link #write} wrote: the instance this JVM holds for its digest, else the text inflated. */
    public static String read(ObjectInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] digest = new byte[32];
        in.readFully(digest);
        byte[] deflated = new byte[in.readInt()];
        in.readFully(deflated);
        Digest key = new Digest(digest);
        synchronized (KNOWN) {
            String known = KNOWN.get(key);
            if (known != null) {
                return known;
            }
        }
        byte[] utf8 = inflate(deflated, length);
        if (!Arrays.equals(sha256(utf8), digest)) {
            throw new InvalidObjectException("a registry text does not match its digest");
        }
        String text = new String(utf8, StandardCharsets.UTF_8);
        synchronized (KNOWN) {
            String raced = KNOWN.putIfAbsent(key, text);
            return raced != null ? raced : text;
        }
    }

    /** Forgets every text, as a JVM that never read one (tests of the other machine's path). */
    static void forgetAll() {
        synchronized (KNOWN) {
            KNOWN.clear();
            lastText = null;
            lastEncoded = null;
        }
    }

    private static Encoded encoded(String text) {
        synchronized (KNOWN) {
            if (text == lastText) { // identity: the same String every function of a job carries
                return lastEncoded;
            }
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            Digest digest = new Digest(sha256(utf8));
            Encoded e = new Encoded(digest, utf8.length, deflate(utf8));
            KNOWN.putIfAbsent(digest, text);
            lastText = text;
            lastEncoded = e;
            return e;
        }
    }

    private static byte[] deflate(byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 8));
            byte[] buffer = new byte[1 << 16];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] deflated, int length) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(deflated);
            byte[] out = new byte[length];
            int n = 0;
            while (n < length && !inflater.finished()) {
                int got = inflater.inflate(out, n, length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != length) {
                throw new InvalidObjectException("a registry text is cut short: " + n + " of " + length + " bytes");
            }
            return out;
        } catch (DataFormatException e) {
            throw new InvalidObjectException("a registry text is not readable: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
