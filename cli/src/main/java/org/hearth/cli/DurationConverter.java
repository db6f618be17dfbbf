package org.hearth.cli;

import java.time.Duration;
import org.hearth.models.time.Durations;
import picocli.CommandLine;

/** picocli's adapter for {@link Durations}, the one duration parser ({@code 90s}, {@code 10m}, {@code 2h}, {@code 3d}, {@code 500ms}). */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    /** @throws CommandLine.TypeConversionException explaining the accepted form */
    public static Duration parse(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
