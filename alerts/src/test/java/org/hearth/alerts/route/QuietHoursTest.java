package org.hearth.alerts.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private final QuietHours night = QuietHours.parse("22:00-07:00");

    @Test
    void contains_spansMidnight() {
        assertThat(night.contains(Instant.parse("2026-11-23T21:59:00Z"), LONDON)).isFalse();
        assertThat(night.contains(Instant.parse("2026-11-23T22:00:00Z"), LONDON)).isTrue();
        assertThat(night.contains(Instant.parse("2026-11-24T03:00:00Z"), LONDON)).isTrue();
        assertThat(night.contains(Instant.parse("2026-11-24T06:59:59Z"), LONDON)).isTrue();
        assertThat(night.contains(Instant.parse("2026-11-24T07:00:00Z"), LONDON)).isFalse();
    }

    @Test
    void contains_readsLocalTimeInSummer() {
        // 06:30Z in July is 07:30 BST: awake, although 06:30 UTC would be quiet.
        assertThat(night.contains(Instant.parse("2026-07-01T06:30:00Z"), LONDON)).isFalse();
        assertThat(night.contains(Instant.parse("2026-07-01T05:30:00Z"), LONDON)).isTrue();
    }

    @Test
    void endAfter_springForwardNightEndsAtLocalSeven() {
        // Clocks go forward 2026-03-29 01:00Z. 00:30Z is 00:30 GMT; quiet ends 07:00 BST = 06:00Z.
        assertThat(night.endAfter(Instant.parse("2026-03-29T00:30:00Z"), LONDON))
                .isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
        // The evening before: 22:30 GMT on the 28th, same end.
        assertThat(night.endAfter(Instant.parse("2026-03-28T22:30:00Z"), LONDON))
                .isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
    }

    @Test
    void endAfter_autumnBackNightEndsAtLocalSeven() {
        // Clocks go back 2026-10-25 01:00Z. 23:30Z on the 24th is 00:30 BST; quiet ends 07:00 GMT = 07:00Z.
        Instant lateEvening = Instant.parse("2026-10-24T23:30:00Z");
        assertThat(night.contains(lateEvening, LONDON)).isTrue();
        assertThat(night.endAfter(lateEvening, LONDON)).isEqualTo(Instant.parse("2026-10-25T07:00:00Z"));
        // 21:30Z on the 24th is 22:30 BST: quiet (a UTC reading would say awake).
        assertThat(night.contains(Instant.parse("2026-10-24T21:30:00Z"), LONDON)).isTrue();
    }

    @Test
    void endAfter_windowEndingInTheSpringGapResolvesForward() {
        QuietHours gap = QuietHours.parse("00:00-01:30"); // 01:30 does not exist on 2026-03-29 in London
        Instant midnight = Instant.parse("2026-03-29T00:10:00Z");
        assertThat(gap.endAfter(midnight, LONDON)).isEqualTo(Instant.parse("2026-03-29T01:30:00Z")); // 02:30 BST
    }

    @Test
    void endAfter_outsideWindowIsNow() {
        Instant noon = Instant.parse("2026-11-23T12:00:00Z");
        assertThat(night.endAfter(noon, LONDON)).isEqualTo(noon);
    }

    @Test
    void parse_sameDayWindowAndNone() {
        QuietHours afternoon = QuietHours.parse(" 13:00 - 15:00 ");
        assertThat(afternoon.contains(Instant.parse("2026-11-23T14:00:00Z"), LONDON)).isTrue();
        assertThat(afternoon.contains(Instant.parse("2026-11-23T15:00:00Z"), LONDON)).isFalse();
        assertThat(QuietHours.parse(null).contains(Instant.parse("2026-11-23T03:00:00Z"), LONDON)).isFalse();
    }

    @Test
    void parse_rejectsMalformedWithTheText() {
        assertThatThrownBy(() -> QuietHours.parse("10pm-7am")).hasMessageContaining("10pm-7am");
        assertThatThrownBy(() -> QuietHours.parse("22:00")).hasMessageContaining("HH:mm-HH:mm");
    }
}
