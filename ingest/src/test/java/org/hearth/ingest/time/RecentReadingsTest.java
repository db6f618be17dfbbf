package org.hearth.ingest.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecentReadingsTest {

    private static final long WINDOW = 150_000; // 30 s out of order + 2 min lateness
    private static final long T = 1_772_438_400_000L;

    @Test
    void aReadingKeptIsACopyAndAnotherValueOrInstantIsNew() {
        RecentReadings r = RecentReadings.none();
        assertThat(r.isCopy(T, 1)).isFalse();
        r.remember(T, 1, WINDOW);

        assertThat(r.isCopy(T, 1)).isTrue();
        assertThat(r.isCopy(T, 0)).as("the release at the same instant").isFalse();
        assertThat(r.isCopy(T + 1, 1)).isFalse();
        assertThat(r.isCopy(T - 1, 1)).as("a little out of order, within the window").isFalse();
    }

    @Test
    void aReadingOlderThanTheWindowIsNewNotJudgedLate() {
        RecentReadings r = RecentReadings.none();
        r.remember(T, 1, WINDOW);

        // Another reader's share of a backlog can lag minutes behind: lateness is the watermark's to judge, not this memory's.
        assertThat(r.isCopy(T - WINDOW - 1, 0)).isFalse();
        r.remember(T - WINDOW - 1, 0, WINDOW);
        assertThat(r.size()).as("outside the window: passed on, not kept").isEqualTo(1);
    }

    @Test
    void readingsThatFallOutOfTheWindowAreForgotten() {
        RecentReadings r = RecentReadings.none();
        for (int i = 0; i < 10; i++) {
            r.remember(T + i * 60_000L, i, WINDOW); // one a minute
        }
        assertThat(r.size()).as("the newest and the two before it, within 2.5 min").isEqualTo(3);
        assertThat(r.newest()).isEqualTo(T + 9 * 60_000L);
        assertThat(r.isCopy(T + 7 * 60_000L, 7)).isTrue();
        assertThat(r.isCopy(T + 6 * 60_000L, 6)).as("forgotten: a copy this old passes once").isFalse();
    }

    @Test
    void aChattySensorKeepsItsNewestReadingsUpToTheCap() {
        RecentReadings r = RecentReadings.none();
        for (int i = 0; i < 100; i++) {
            r.remember(T + i * 1_000L, i, WINDOW); // a plug reporting every second
        }
        assertThat(r.size()).isEqualTo(RecentReadings.MAX_KEPT);
        assertThat(r.isCopy(T + 99_000L, 99)).isTrue();
        assertThat(r.isCopy(T + (100 - RecentReadings.MAX_KEPT) * 1_000L, 100 - RecentReadings.MAX_KEPT)).isTrue();
        assertThat(r.isCopy(T + (99 - RecentReadings.MAX_KEPT) * 1_000L, 99 - RecentReadings.MAX_KEPT))
                .as("past the cap: passed on once (downstream tolerates a copy)").isFalse();
    }

    @Test
    void itsBytesReadBackToTheSameMemory() {
        RecentReadings r = RecentReadings.none();
        r.remember(T, 21.5, WINDOW);
        r.remember(T + 30_000, -0.0, WINDOW);
        r.remember(T + 10_000, Double.NaN, WINDOW); // out of order within the window

        byte[] bytes = r.toBytes();
        RecentReadings back = RecentReadings.of(bytes);

        assertThat(bytes).hasSize(1 + 8 + 2 + 3 * 12);
        assertThat(back.newest()).isEqualTo(T + 30_000);
        assertThat(back.isCopy(T, 21.5)).isTrue();
        assertThat(back.isCopy(T + 30_000, -0.0)).isTrue();
        assertThat(back.isCopy(T + 30_000, 0.0)).as("another reading, bit for bit").isFalse();
        assertThat(back.isCopy(T + 10_000, Double.NaN)).isTrue();
        assertThat(back.toBytes()).isEqualTo(bytes);
    }

    @Test
    void aFormatThisReleaseDoesNotKnowIsRefused() {
        byte[] bytes = RecentReadings.none().toBytes();
        bytes[0] = 9;
        assertThatThrownBy(() -> RecentReadings.of(bytes)).hasMessageContaining("format 9");
    }
}
