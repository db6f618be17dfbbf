package org.hearth.ingest.validate;

import static org.hearth.ingest.deadletter.DeadLetterReason.PAYLOAD_TOO_LARGE;
import static org.hearth.ingest.deadletter.DeadLetterReason.RATE_LIMITED;
import static org.hearth.ingest.deadletter.DeadLetterReason.TOPIC_TOO_LONG;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.decode.DecodeResult;
import org.hearth.ingest.decode.MessageDecoder;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.ingest.source.SourceProgress;
import org.hearth.models.event.SensorEvent;

/**
 * The whole per-message path in plain Java: the limits at the door (topic length, device rate,
 * payload size; the JSON limits are the parser's, {@code PayloadJson}), decode, validate. Returns valid events and
 * dead letters; never throws, so one bad message cannot fail the job. The Flink function that
 * calls it only moves the results to their outputs.
 */
public final class MessageIngestor {

    private final MessageDecoder decoder;
    private final EventValidator validator;
    private final ValidationPolicy policy;
    private final DeviceThrottle throttle;

    public MessageIngestor(RoutingTable table, ValidationPolicy policy, Clock clock) {
        this.decoder = new MessageDecoder(table);
        this.validator = new EventValidator(policy, clock);
        this.policy = policy;
        this.throttle = policy.deviceRate() == null ? null : new DeviceThrottle(policy.deviceRate());
    }

    public DecodeResult ingest(MqttMessage message) {
        if (SourceProgress.isMarker(message)) {
            // The reader's progress travels in order with the events it follows, to the watermark.
            return DecodeResult.of(SourceProgress.toEvent(message));
        }
        if (message.topic().length() > policy.maxTopicChars()) {
            return DecodeResult.of(DeadLetter.of(message, TOPIC_TOO_LONG, "topic of " + message.topic().length()
                    + " characters exceeds the limit of " + policy.maxTopicChars()));
        }
        if (throttle != null && !throttle.admit(message.topic(), message.receivedAt())) {
            return DecodeResult.of(DeadLetter.of(message, RATE_LIMITED, "topic over " + policy.deviceRate().perSecond()
                    + " messages/s (burst " + policy.deviceRate().burst() + "); " + throttle.throttled(message.topic())
                    + " throttled so far"));
        }
        if (message.payload().length > policy.maxPayloadBytes()) {
            return DecodeResult.of(DeadLetter.of(message, PAYLOAD_TOO_LARGE, "payload of " + message.payload().length
                    + " bytes exceeds the limit of " + policy.maxPayloadBytes()));
        }
        DecodeResult decoded = decoder.decode(message);
        List<SensorEvent> events = decoded.events();
        int n = events.size();
        // Most messages pass whole: then the decoder's result is the answer, with no copy.
        int first = 0;
        EventValidator.Violation firstViolation = null;
        for (; first < n; first++) {
            SensorEvent event = events.get(first);
            firstViolation = validator.violation(event);
            if (firstViolation != null || !validator.hasPlausibleExtras(event)) {
                break;
            }
        }
        if (first == n) {
            return decoded;
        }
        List<SensorEvent> valid = new ArrayList<>(n);
        List<DeadLetter> dead = new ArrayList<>(decoded.deadLetters());
        List<EventValidator.Violation> dropped = new ArrayList<>(0);
        for (int i = 0; i < n; i++) {
            SensorEvent event = events.get(i);
            // Each event is judged once (the clock moves): those before `first` passed, `first` keeps its verdict.
            EventValidator.Violation violation = i < first ? null : i == first ? firstViolation : validator.violation(event);
            if (violation != null) {
                dead.add(DeadLetter.of(message, violation.reason(), violation.detail()));
            } else {
                valid.add(validator.withoutImplausibleExtras(event, dropped));
            }
        }
        // One device's battery rides on each of its sensors' events: report it once per message.
        dropped.stream().map(EventValidator.Violation::detail).distinct()
                .forEach(d -> dead.add(DeadLetter.of(message, DeadLetterReason.DROPPED_FIELD, d)));
        return new DecodeResult(valid, dead);
    }
}
