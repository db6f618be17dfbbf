package org.hearth.models.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));

    @Test
    void doublesFromTheFirstWaitAndStaysAtTheLongest() {
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(7)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.delay(8)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aLongestWaitBelowTheFirstIsTheFirstAndRetriesCountFromOne() {
        assertThat(new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)).delay(3)).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> backoff.delay(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalJitterWaitsAtLeastHalfAndAtMostTheWholeDelay() {
        SplittableRandom random = new SplittableRandom(42);
        for (int retry = 1; retry <= 10; retry++) {
            long whole = backoff.delay(retry).toMillis();
            for (int i = 0; i < 50; i++) {
                assertThat(backoff.withEqualJitter(retry, random).toMillis()).isBetween(whole / 2, whole / 2 * 2);
            }
        }
    }
}
