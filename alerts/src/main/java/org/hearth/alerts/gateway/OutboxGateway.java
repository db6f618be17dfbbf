package org.hearth.alerts.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.hearth.models.json.HearthJson;

/**
 * The demo's and the default gateway: appends each text as one JSON line to a file (default
 * {@code outbox/sms.jsonl}) instead of sending it. The outbox is the delivery channel, not a log,
 * so it does hold the text and the number (demo numbers are Ofcom's drama range, 07700 900xxx).
 */
public final class OutboxGateway implements SmsGateway {

    private final Path file;
    private final Clock clock;

    public OutboxGateway(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Path file() {
        return file;
    }

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public synchronized SendReceipt send(SmsMessage message) throws GatewayException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", clock.instant().toString());
        line.put("key", message.key());
        line.put("recipient", message.recipientId());
        line.put("to", message.to());
        line.put("body", message.body());
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, HearthJson.json().writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (JsonProcessingException e) {
            throw new GatewayException("json", false, e);
        } catch (IOException e) {
            throw new GatewayException("io", true, e);
        }
        return new SendReceipt(name(), message.key());
    }
}
