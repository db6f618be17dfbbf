package org.hearth.live;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.hearth.alerts.ack.Acknowledgement;
import org.hearth.alerts.ack.AwayCommand;
import org.hearth.alerts.ack.CarerCommand;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.job.CarerAck;
import org.hearth.job.JsonTypeInfo;

/**
 * Reads the carers' topic {@code hearth/ack/{homeId}}: acknowledgements come out fanned out per
 * (home, rule) for the alert lifecycle; away commands go to {@link #AWAY}; anything unreadable, or
 * published on another home's topic than the one it names, goes to {@link #REJECTED} as a dead
 * letter (counted and kept with ingest's, never dropped silently).
 */
public final class CarerCommandDecoder extends ProcessFunction<MqttMessage, CarerAck> {

    private static final long serialVersionUID = 1L;

    /** The subscription: every home's carers' topic. */
    public static final String TOPIC_FILTER = "hearth/ack/+";

    public static final OutputTag<ControlMessage> AWAY = new OutputTag<>("carer-away", JsonTypeInfo.of(ControlMessage.class));
    /** Same type information as ingest's dead letters, so that both go to one sink. */
    public static final OutputTag<DeadLetter> REJECTED = new OutputTag<>("carer-rejected") {};

    @Override
    public void processElement(MqttMessage message, Context ctx, Collector<CarerAck> out) {
        List<Object> decoded = new ArrayList<>();
        DeadLetter rejected = decode(message, decoded);
        if (rejected != null) {
            ctx.output(REJECTED, rejected);
            return;
        }
        for (Object o : decoded) {
            if (o instanceof CarerAck ack) {
                out.collect(ack);
            } else {
                ctx.output(AWAY, (ControlMessage) o);
            }
        }
    }

    /**
     * Decodes one message into {@code into} ({@link CarerAck}s or one {@link ControlMessage}).
     *
     * @return the dead letter when it cannot be used, else null
     */
    static DeadLetter decode(MqttMessage message, List<Object> into) {
        String[] topic = message.topic().split("/");
        if (topic.length != 3 || !topic[0].equals("hearth") || !topic[1].equals("ack")) {
            return DeadLetter.of(message, DeadLetterReason.UNKNOWN_TOPIC, "not a carers' topic hearth/ack/{homeId}");
        }
        CarerCommand command;
        try {
            command = CarerCommand.read(message.payload());
        } catch (Exception e) {
            return DeadLetter.of(message, DeadLetterReason.MALFORMED_JSON, "carer command: " + firstLine(e.getMessage()));
        }
        if (!command.homeId().equals(topic[2])) {
            return DeadLetter.of(message, DeadLetterReason.UNKNOWN_HOME,
                    "carer command for home '" + command.homeId() + "' on the topic of home '" + topic[2] + "'");
        }
        if (command instanceof Acknowledgement ack) {
            into.addAll(CarerAck.fanOut(ack));
        } else {
            into.add(ControlMessage.away(command.json()));
        }
        return null;
    }

    private static String firstLine(String text) {
        return text == null ? "unreadable" : text.lines().findFirst().orElse("unreadable");
    }
}
