package org.hearth.job;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.time.Instant;

/**
 * What the alert lifecycle of one (resident, rule) is told, in event-time order: a rule's decision
 * from the home's detector, or a carer's acknowledgement from the carers' topic. Both wait in the
 * lifecycle's keyed state until the watermark passes them, so an escalation due before a reply is
 * sent, and one due after it is not.
 *
 * <p>Carried as Hearth JSON with an {@code input} property naming the kind; a value without it
 * (state written before acknowledgements existed) reads as a {@link RuleDecision}.
 */
@com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME,
        property = "input", defaultImpl = RuleDecision.class)
@JsonSubTypes({@JsonSubTypes.Type(value = RuleDecision.class, name = "decision"),
        @JsonSubTypes.Type(value = CarerAck.class, name = "ack"),
        @JsonSubTypes.Type(value = ResidentOkCommand.class, name = "resident-ok")})
public sealed interface LifecycleCommand permits RuleDecision, CarerAck, ResidentOkCommand {

    /** {@code homeId|rule}: one lifecycle per (resident, rule); a home has one resident. */
    String lifecycleKey();

    /** The event time at which it applies. */
    Instant at();
}
