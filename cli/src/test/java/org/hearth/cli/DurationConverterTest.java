package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** picocli's adapter over models' Durations (tested there): the same forms, picocli's error type. */
class DurationConverterTest {

    @Test
    void parse_readsEveryUnitHearthWrites() {
        assertThat(DurationConverter.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationConverter.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(DurationConverter.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationConverter.parse("3d")).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void parse_rejectsOtherFormsWithAnExample() {
        assertThatThrownBy(() -> DurationConverter.parse("PT10M"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("e.g. 90s, 10m, 2h or 3d");
        assertThatThrownBy(() -> DurationConverter.parse("-5m")).isInstanceOf(CommandLine.TypeConversionException.class);
    }
}
