package org.hearth.ingest.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hearth.ingest.time.RecentReadings.Verdict;
import org.junit.jupiter.api.Test;

class RecentReadingsTest {

    private static final long WINDOW = 150_000; // 30 s out of order + 2 min lateness
    private static final long T = 1_772_438_400_000L;

    @Test
    void aReadingKeptIsACopyAndAnotherValueOrInstantIsNew() {
        RecentReadings r = RecentReadings.none();
        assertThat(r.judge(T, 1, WINDOW)).isEqualTo(Verdict.NEW);
        r.remember(T, 1, WINDOW);

        assertThat(r.judge(T, 1, WINDOW)).isEqualTo(Verdict.COPY);
        assertThat(r.judge(T, 0, WINDOW)).as("the release at the same instant").isEqualTo(Verdict.NEW);
        assertThat(r.judge(T + 1, 1, WINDOW)).isEqualTo(Verdict.NEW);
        assertThat(r.judge(T - 1, 1, WINDOW)).as("a little out of order, within the window").isEqualTo(Verdict.NEW);
    }

    @Test
    void aReadingOlderThanTheNewestByMoreThanTheWindowIsBehind() {
        RecentReadings r = RecentReadings.none();
        r.remember(T, 1, WINDOW);

        assertThat(r.judge(T - WINDOW, 0, WINDOW)).isEqualTo(Verdict.NEW);
        assertThat(r.judge(T - WINDOW - 1, 0, WINDOW)).isEqualTo(Verdict.BEHIND);
    }

    @Test
    void readingsThatFallOutOfTheWindowAreForgotten() {
        RecentReadings r = RecentReadings.none();
        for (int i = 0; i < 10; i++) {
            r.remember(T + i * 60_000L, i, WINDOW); // one a minute
        }
        assertThat(r.size()).as("the newest and the two before it, within 2.5 min").isEqualTo(3);
        assertThat(r.newest()).isEqualTo(T + 9 * 60_000L);
        assertThat(r.judge(T + 7 * 60_000L, 7, WINDOW)).isEqualTo(Verdict.COPY);
        assertThat(r.judge(T + 6 * 60_000L, 6, WINDOW)).as("forgotten, and behind").isEqualTo(Verdict.BEHIND);
    }

    @Test
    void aChattySensorKeepsItsNewestReadingsUpToTheCap() {
        RecentReadings r = RecentReadings.none();
        for (int i = 0; i < 100; i++) {
            r.remember(T + i * 1_000L, i, WINDOW); // a plug reporting every second
        }
        assertThat(r.size()).isEqualTo(RecentReadings.MAX_KEPT);
        assertThat(r.judge(T + 99_000L, 99, WINDOW)).isEqualTo(Verdict.COPY);
        assertThat(r.judge(T + (100 - RecentReadings.MAX_KEPT) * 1_000L, 100 - RecentReadings.MAX_KEPT, WINDOW))
                .isEqualTo(Verdict.COPY);
        assertThat(r.judge(T + (99 - RecentReadings.MAX_KEPT) * 1_000L, 99 - RecentReadings.MAX_KEPT, WINDOW))
                .as("past the cap: passed on (a copy downstream tolerates), not set aside").isEqualTo(Verdict.NEW);
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
        assertThat(back.judge(T, 21.5, WINDOW)).isEqualTo(Verdict.COPY);
        assertThat(back.judge(T + 30_000, -0.0, WINDOW)).isEqualTo(Verdict.COPY);
        assertThat(back.judge(T + 30_000, 0.0, WINDOW)).as("another reading, bit for bit").isEqualTo(Verdict.NEW);
        assertThat(back.judge(T + 10_000, Double.NaN, WINDOW)).isEqualTo(Verdict.COPY);
        assertThat(back.toBytes()).isEqualTo(bytes);
    }

    @Test
    void aFormatThisReleaseDoesNotKnowIsRefused() {
        byte[] bytes = RecentReadings.none().toBytes();
        bytes[0] = 9;
        assertThatThrownBy(() -> RecentReadings.of(bytes)).hasMessageContaining("format 9");
    }
}
