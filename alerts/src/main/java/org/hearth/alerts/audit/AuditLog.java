package org.hearth.alerts.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.hearth.models.json.HearthJson;

/**
 * The delivery audit: every attempt, result, delivery receipt and acknowledgement, one JSON line
 * each, appended and flushed (not fsynced: the audit explains, the dedupe store decides). Fields
 * are checked on the way in: a value that looks like a phone number is refused, so that a
 * careless caller cannot leak one into the log.
 */
public final class AuditLog implements Closeable {

    /** Seven or more digits in a row, with an optional plus: a phone number, never allowed. */
    private static final Pattern PHONE = Pattern.compile("\\+?\\d{7,}");

    private final Clock clock;
    private final FileChannel channel;
    private final List<AuditEntry> recent = new ArrayList<>();

    /** Appends to {@code file}, creating it and its folder. */
    public AuditLog(Path file, Clock clock) throws IOException {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** Records one entry now, without a provider reference. */
    public void record(String type, String key, String recipient, String gateway, Integer attempt, String outcome) {
        record(type, key, recipient, gateway, attempt, outcome, null);
    }

    /**
     * Records one entry now. Recipient and outcome are checked for anything that looks like a phone
     * number; key and ref are ids (hex, provider ids) and are not.
     */
    public void record(String type, String key, String recipient, String gateway, Integer attempt, String outcome,
            String ref) {
        AuditEntry entry = new AuditEntry(clock.instant(), Objects.requireNonNull(type, "type"), key, check(recipient),
                gateway, attempt, check(outcome), ref);
        try {
            byte[] line = (HearthJson.json().writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (this) {
                channel.write(ByteBuffer.wrap(line));
                recent.add(entry);
                if (recent.size() > 10_000) {
                    recent.subList(0, 5_000).clear();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("audit log write failed", e);
        }
    }

    /** The entries written by this instance (the last 5,000 to 10,000), for tests and status pages. */
    public synchronized List<AuditEntry> recent() {
        return List.copyOf(recent);
    }

    private static String check(String value) {
        if (value != null && PHONE.matcher(value).find()) {
            throw new IllegalArgumentException("refusing to audit a value that looks like a phone number");
        }
        return value;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
