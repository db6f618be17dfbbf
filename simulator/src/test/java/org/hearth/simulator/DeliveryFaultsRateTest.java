package org.hearth.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.hearth.models.event.SensorEvent;
import org.hearth.simulator.anomaly.AnomalyRates;
import org.hearth.simulator.emit.EmissionConfig;
import org.junit.jupiter.api.Test;

class DeliveryFaultsRateTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void run_dropsDuplicatesAndDelaysAtTheConfiguredRates() throws Exception {
        CollectingSink sink = new CollectingSink();
        SimulationConfig config = SimulationConfig.of(25, 3, 9)
                .withAnomalies(AnomalyRates.NONE)
                .withEmission(EmissionConfig.DEFAULTS.withFaults(0.02, 0.03, 0.04, 2, 0));

        SimulationSummary summary = new Simulator(CLOCK).run(config, sink, null, ProgressListener.NONE);

        assertThat(summary.readings()).isGreaterThan(50_000);
        assertThat((double) summary.dropped() / summary.readings()).isCloseTo(0.02, within(0.003));
        double delivered = summary.readings() - summary.dropped();
        assertThat(summary.duplicates() / delivered).isCloseTo(0.03, within(0.004));
        assertThat(summary.late() / delivered).isCloseTo(0.04, within(0.004));
        assertThat(summary.events()).isEqualTo(sink.delivered.size()).isEqualTo((long) delivered + summary.duplicates());

        // The copies are visible in the stream: the same reading twice.
        Map<SensorEvent, Integer> seen = new HashMap<>();
        sink.events().forEach(e -> seen.merge(e, 1, Integer::sum));
        long copies = seen.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
        assertThat(copies).isEqualTo(summary.duplicates());

        // Hub clocks are skewed by at most 2 s, late readings by at most 120 s and copies by 5 s.
        long worst = sink.delivered.stream().mapToLong(d -> Math.abs(d.event().ts().toEpochMilli() - d.arrival())).max().orElseThrow();
        assertThat(worst).isBetween(60_000L, 2_000L + 120_000 + 5_000);
    }
}
