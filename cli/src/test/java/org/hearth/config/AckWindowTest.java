package org.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AckWindowTest {

    @Test
    void theMeasuredBoundAtThirtySecondsIsAboutSeventyFiveThousandHomes() {
        // 65,535 / 30 s = 2,184.5 msg/s; / 0.02889 = 75,615 homes (BENCHMARKS.md row 2e: 70,002 held, 85,002 not)
        assertThat(new AckWindow(70_002, 1, 65_535, Duration.ofSeconds(30)).exceeded()).isFalse();
        assertThat(new AckWindow(85_002, 1, 65_535, Duration.ofSeconds(30)).exceeded()).isTrue();
        assertThat(new AckWindow(100_002, 1, 65_535, Duration.ofSeconds(5)).exceeded()).isFalse();
    }

    @Test
    void aWarningSaysWhatToSetAndNamesNoOne() {
        AckWindow window = new AckWindow(100_002, 1, 65_535, Duration.ofSeconds(30));
        // 65,535 / 2,889 msg/s = 22.7 s; with a fifth kept for the checkpoint's own duration: 18 s
        assertThat(window.longestInterval().toMillis()).isBetween(22_600L, 22_700L);
        assertThat(window.warning()).hasValueSatisfying(w -> assertThat(w)
                .contains("100,002 homes", "2,889 readings a second", "30s checkpoints", "65,535", "flink.checkpointInterval to 18s or less",
                        "flink.parallelism"));
    }

    @Test
    void aFleetWithinAFifthOfTheWindowIsWarnedAndTheSuggestedIntervalIsNot() {
        // review-14: 100,002 homes at 20 s fill 88 % of the window and were not warned, while 30 s was told "18s or less"
        AckWindow twenty = new AckWindow(100_002, 1, 65_535, Duration.ofSeconds(20));
        assertThat(twenty.exceeded()).isFalse();
        assertThat(twenty.warning()).hasValueSatisfying(w -> assertThat(w).contains("within a fifth of what the MQTT source can take",
                "18s or less"));
        assertThat(new AckWindow(100_002, 1, 65_535, Duration.ofSeconds(18)).warning()).as("what it suggests holds").isEmpty();
        assertThat(new AckWindow(70_002, 1, 65_535, Duration.ofSeconds(30)).warning()).as("measured held, at 93 % of the window")
                .isPresent();
    }

    @Test
    void moreReadersOrAShorterIntervalWidenTheWindow() {
        AckWindow one = new AckWindow(300_000, 1, 65_535, Duration.ofSeconds(10));
        AckWindow two = new AckWindow(300_000, 2, 65_535, Duration.ofSeconds(10));
        assertThat(one.warning()).isPresent();
        assertThat(two.warning()).isEmpty();
        assertThat(two.capacity()).isEqualTo(2 * one.capacity());
        assertThat(new AckWindow(300_000, 1, 65_535, Duration.ofSeconds(5)).warning()).isEmpty();
    }

    @Test
    void noHomesNeverWarns() {
        assertThat(new AckWindow(0, 1, 65_535, Duration.ofMinutes(10)).warning()).isEmpty();
    }

    @Test
    void rejectsWhatCannotBe() {
        assertThatThrownBy(() -> new AckWindow(10, 0, 65_535, Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AckWindow(10, 1, 65_535, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void connectionsPerReaderWidenTheWindowAndAutoPicksTheFewestThatHoldThePeak() {
        // 300,000 homes: 8,667 msg/s at the peak; one connection takes 6,554 a second at 10 s (4/5: 5,243)
        assertThat(new AckWindow(300_000, 1, 1, 65_535, Duration.ofSeconds(10)).exceeded()).isTrue();
        AckWindow two = new AckWindow(300_000, 1, 2, 65_535, Duration.ofSeconds(10));
        assertThat(two.warning()).isEmpty();
        assertThat(two.capacity()).isEqualTo(new AckWindow(300_000, 2, 1, 65_535, Duration.ofSeconds(10)).capacity());
        assertThat(AckWindow.connectionsFor(150_000, 1, 65_535, Duration.ofSeconds(10))).as("one holds it: plain, as before").isEqualTo(1);
        assertThat(AckWindow.connectionsFor(226_000, 1, 65_535, Duration.ofSeconds(10))).as("past 4/5 of one").isEqualTo(2);
        assertThat(AckWindow.connectionsFor(300_000, 2, 65_535, Duration.ofSeconds(10))).as("two readers' windows").isEqualTo(1);
        // issue 18's reproduction: 30,000 homes (867 msg/s), a window of 2,000 per 10 s (200 msg/s, 160 at 4/5)
        assertThat(AckWindow.connectionsFor(30_000, 1, 2_000, Duration.ofSeconds(10))).isEqualTo(6);
        assertThat(AckWindow.connectionsFor(0, 1, 65_535, Duration.ofSeconds(10))).isEqualTo(1);
        assertThat(AckWindow.connectionsFor(100_000_000, 1, 65_535, Duration.ofSeconds(10))).as("kept to the maximum").isEqualTo(16);
        assertThat(new AckWindow(100_000_000, 1, 16, 65_535, Duration.ofSeconds(10)).warning())
                .hasValueSatisfying(w -> assertThat(w).contains("1 reader(s) x 16 connection(s)", "mqtt.connectionsPerReader"));
    }
}
