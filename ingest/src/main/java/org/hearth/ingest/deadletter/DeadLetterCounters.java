package org.hearth.ingest.deadletter;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Dead letters counted by reason, plus messages ignored on purpose (a hub's own control traffic).
 * Thread-safe. The Flink operator mirrors these into metrics ({@code deadLetters.<reason>});
 * this plain form is what tests and the demo's summary line read.
 */
public final class DeadLetterCounters implements Serializable {

    private final EnumMap<DeadLetterReason, LongAdder> byReason = new EnumMap<>(DeadLetterReason.class);
    private final LongAdder ignored = new LongAdder();

    public DeadLetterCounters() {
        for (DeadLetterReason r : DeadLetterReason.values()) {
            byReason.put(r, new LongAdder());
        }
    }

    public void count(DeadLetter deadLetter) {
        byReason.get(deadLetter.reason()).increment();
    }

    public void countIgnored() {
        ignored.increment();
    }

    public long count(DeadLetterReason reason) {
        return byReason.get(reason).sum();
    }

    public long total() {
        return byReason.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long ignored() {
        return ignored.sum();
    }

    /** Non-zero counts by reason, for a summary line. */
    public Map<DeadLetterReason, Long> snapshot() {
        EnumMap<DeadLetterReason, Long> out = new EnumMap<>(DeadLetterReason.class);
        byReason.forEach((r, n) -> {
            if (n.sum() > 0) {
                out.put(r, n.sum());
            }
        });
        return out;
    }
}
