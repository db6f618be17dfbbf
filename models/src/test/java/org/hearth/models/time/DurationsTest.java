package org.hearth.models.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parse_readsEveryUnitHearthWrites() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("3d")).isEqualTo(Duration.ofDays(3));
        assertThat(Durations.parse(" 5 m ")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("0s")).isZero();
    }

    @Test
    void parse_fractionsAsThresholdsWriteThem() {
        assertThat(Durations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("0.5s")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void minutes_keepsTheThresholdsArithmetic() {
        assertThat(Durations.minutes("90s")).isEqualTo(90.0 / 60);
        assertThat(Durations.minutes("45m")).isEqualTo(45.0);
        assertThat(Durations.minutes("1.5h")).isEqualTo(90.0);
        assertThat(Durations.minutes("2d")).isEqualTo(2880.0);
    }

    @Test
    void parse_rejectsOtherFormsWithAnExample() {
        for (String bad : new String[] {"PT10M", "-5m", "10", "m", "", "10 minutes", "1234567890s"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + bad + "' is not a duration: write a number and a unit, e.g. 90s, 10m, 2h or 3d");
        }
        assertThatThrownBy(() -> Durations.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void format_isTheInverseOfParse() {
        for (String text : new String[] {"90s", "10m", "2h", "3d"}) {
            assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
        }
    }
}
