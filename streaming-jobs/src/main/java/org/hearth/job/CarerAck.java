package org.hearth.job;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.hearth.alerts.ack.Acknowledgement;
import org.hearth.models.alert.Rule;
import org.hearth.models.alert.Severity;

/**
 * A carer's "OK code" addressed to the lifecycle of one (home, rule). An acknowledgement names a
 * home and a code, not a rule, so it is fanned out to every rule of the home that texts someone
 * ({@link #fanOut}); only the open alert whose reply code matches takes it, the rest ignore it.
 * Replies are rare (a few a day per home), so the fan-out costs nothing worth keying by code for.
 *
 * @param homeId the home
 * @param rule the rule whose lifecycle this copy is for
 * @param ack the acknowledgement as published on {@code hearth/ack/{homeId}}
 */
public record CarerAck(String homeId, Rule rule, Acknowledgement ack) implements LifecycleCommand {

    /** Rules whose alerts text someone; trends only go into the digest and are never acknowledged. */
    private static final List<Rule> TEXTED = Arrays.stream(Rule.values()).filter(r -> r.severity() != Severity.TREND).toList();

    public CarerAck {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(ack, "ack");
    }

    /** One copy per rule of the acknowledgement's home. */
    public static List<CarerAck> fanOut(Acknowledgement ack) {
        return TEXTED.stream().map(rule -> new CarerAck(ack.homeId(), rule, ack)).toList();
    }

    @Override
    public String lifecycleKey() {
        return homeId + '|' + rule.wireName();
    }

    @Override
    public java.time.Instant at() {
        return ack.at();
    }
}
