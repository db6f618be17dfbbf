package org.hearth.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IngestOptionsTest {

    private final IngestOptions live = IngestOptions.live(Clock.systemUTC());

    @Test
    void theDedupeWindowIsTheLatenessTheWatermarkAllows() {
        assertThat(live.dedupeWindow()).isEqualTo(Duration.ofSeconds(150)); // 30 s out of order + 2 min lateness
        assertThat(live.withAllowedLateness(Duration.ofMinutes(5)).dedupeWindow()).isEqualTo(Duration.ofSeconds(330));
    }

    @Test
    void theDedupeWindowCoversThreeCheckpointIntervalsOfUnacknowledgedReadings() {
        assertThat(live.withAcknowledgedEvery(Duration.ofSeconds(30)).dedupeWindow()).isEqualTo(Duration.ofSeconds(150));
        assertThat(live.withAcknowledgedEvery(Duration.ofMinutes(2)).dedupeWindow()).isEqualTo(Duration.ofMinutes(6));
    }
}
