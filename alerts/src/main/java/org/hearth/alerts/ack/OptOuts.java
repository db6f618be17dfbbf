package org.hearth.alerts.ack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hearth.models.json.HearthJson;

/**
 * Carers who opted out of texts: they replied STOP (the callback endpoint records it) or a gateway
 * refused to text them as unsubscribed (Twilio 21610; delivery records it). One append-only JSONL
 * file that both writers share, re-read when it grows, so an opt-out recorded by the callback
 * endpoint stops the delivery side too. A line holds the pseudonymous recipient ({@code h1/carer-1}),
 * a salted hash of the number (a number may serve several homes: the opt-out is the person's), the
 * source and the time; never the number itself.
 *
 * <p>An opt-out lasts until the provider changes the registry (the carer's number changes) or
 * deletes the line: Hearth never texts someone who said STOP, and has no START of its own.
 */
public final class OptOuts {

    /**
     * One opt-out.
     *
     * @param recipient pseudonymous recipient ({@code h1/carer-1})
     * @param numberHash salted hash of the number
     * @param source {@code stop-reply} or the gateway's code ({@code twilio-21610})
     * @param at when it was recorded
     */
    public record Entry(String recipient, String numberHash, String source, Instant at) {}

    private final Path file;
    private final byte[] salt;
    private final Map<String, Entry> byNumber = new LinkedHashMap<>();
    private final Map<String, Entry> byRecipient = new LinkedHashMap<>();
    private final List<Entry> unseen = new ArrayList<>();
    private long readBytes;

    private OptOuts(Path file, String salt) {
        this.file = file;
        this.salt = (salt == null ? "" : salt).getBytes(StandardCharsets.UTF_8);
    }

    /** Opens (creating the folder) and reads the file. */
    public static OptOuts open(Path file, String salt) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        OptOuts o = new OptOuts(file, salt);
        o.refresh();
        return o;
    }

    /**
     * The opt-outs other writers recorded since the last call (this reader's own are not included):
     * the delivery side raises the provider's system alert for each.
     */
    public synchronized List<Entry> takeNew() {
        refresh();
        List<Entry> out = List.copyOf(unseen);
        unseen.clear();
        return out;
    }

    /** Reads lines appended since the last read. */
    private void refresh() {
        List<Entry> fresh = unseen;
        try {
            if (!Files.exists(file) || Files.size(file) == readBytes) {
                return;
            }
            byte[] all = Files.readAllBytes(file);
            int end = all.length;
            while (end > readBytes && all[end - 1] != '\n') {
                end--; // a line still being written: read it next time
            }
            String text = new String(all, (int) readBytes, end - (int) readBytes, StandardCharsets.UTF_8);
            readBytes = end;
            for (String line : text.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode n = HearthJson.json().readTree(line);
                    Entry e = new Entry(n.path("recipient").asText(), n.path("number").asText(), n.path("source").asText(),
                            Instant.parse(n.path("at").asText()));
                    if (!byNumber.containsKey(e.numberHash()) || !byRecipient.containsKey(e.recipient())) {
                        fresh.add(e);
                    }
                    byNumber.putIfAbsent(e.numberHash(), e);
                    byRecipient.putIfAbsent(e.recipient(), e);
                } catch (IOException | RuntimeException torn) {
                    // a torn or foreign line: skipped (the writer's next line is still read)
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("opt-out file unreadable", e);
        }
    }

    /** Whether this recipient, or anyone with this number, opted out. */
    public synchronized boolean optedOut(String recipient, String phone) {
        refresh();
        return byRecipient.containsKey(recipient) || (phone != null && byNumber.containsKey(hash(phone)));
    }

    /**
     * Records an opt-out (durably, before returning).
     *
     * @return false when this recipient and number were already recorded
     */
    public synchronized boolean record(String recipient, String phone, String source, Instant at) {
        Objects.requireNonNull(recipient, "recipient");
        refresh();
        String h = hash(phone);
        if (byRecipient.containsKey(recipient) && byNumber.containsKey(h)) {
            return false;
        }
        Map<String, String> line = new LinkedHashMap<>();
        line.put("recipient", recipient);
        line.put("number", h);
        line.put("source", source);
        line.put("at", at.toString());
        try {
            Files.writeString(file, HearthJson.json().writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("opt-out not recorded", e);
        }
        refresh(); // reads our own line: known now, and not reported by takeNew() as another writer's
        unseen.removeIf(e -> e.recipient().equals(recipient) && e.numberHash().equals(h));
        return true;
    }

    /** Every opt-out known (for status and tests). */
    public synchronized List<Entry> entries() {
        refresh();
        return List.copyOf(byRecipient.values());
    }

    private String hash(String phone) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            String digits = PhoneNumbers.normalise(phone);
            // 12 hex characters, digit runs broken: the audit refuses anything that reads as a number.
            return "n:" + HexFormat.of().formatHex(sha.digest(digits.getBytes(StandardCharsets.UTF_8)), 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
