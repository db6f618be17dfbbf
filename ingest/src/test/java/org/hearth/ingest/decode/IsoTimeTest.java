package org.hearth.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link IsoTime} against java.time, the behaviour it stands in for: on strings near the usual
 * shape (fields at and beyond their ranges, other separators, offsets, fractions, lower case,
 * leap days, cut or lengthened), whatever the fast path gives is what java.time gives, and every
 * string in the usual shape that java.time accepts takes the fast path (or it would be no faster).
 */
class IsoTimeTest {

    private static final Pattern OFFSET_SHAPE =
            Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?(Z|[+-]\\d\\d:\\d\\d)");
    private static final Pattern LOCAL_SHAPE = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?");

    @Property(tries = 5_000)
    void offsetInstant_isJavaTimesAnswerOrNull(@ForAll("nearIso") String s) {
        Instant fast = IsoTime.offsetInstant(s);
        Instant expected = javaOffset(s);
        if (fast != null) {
            assertThat(fast).as(s).isEqualTo(expected);
        } else if (expected != null) {
            assertThat(OFFSET_SHAPE.matcher(s).matches()).as("java.time accepts %s in the usual shape, the fast path does not", s).isFalse();
        }
    }

    @Property(tries = 5_000)
    void localDateTime_isJavaTimesAnswerOrNull(@ForAll("nearIso") String s) {
        LocalDateTime fast = IsoTime.localDateTime(s);
        LocalDateTime expected = javaLocal(s);
        if (fast != null) {
            assertThat(fast).as(s).isEqualTo(expected);
            assertThat(javaOffset(s)).as("a local time has no offset: %s", s).isNull();
        } else if (expected != null) {
            assertThat(LOCAL_SHAPE.matcher(s).matches()).as("java.time accepts %s in the usual shape, the fast path does not", s).isFalse();
        }
    }

    @Example
    void readsWhatDevicesSend() {
        assertThat(IsoTime.offsetInstant("2026-11-23T07:12:03.120Z")).isEqualTo(Instant.parse("2026-11-23T07:12:03.120Z"));
        assertThat(IsoTime.offsetInstant("2026-11-23T07:12:03+01:00")).isEqualTo(Instant.parse("2026-11-23T06:12:03Z"));
        assertThat(IsoTime.offsetInstant("2024-02-29T23:59:59.999999999-05:30")).isEqualTo(Instant.parse("2024-03-01T05:29:59.999999999Z"));
        assertThat(IsoTime.localDateTime("2019-09-04T12:54:25")).isEqualTo(LocalDateTime.parse("2019-09-04T12:54:25"));
    }

    @Example
    void leavesEverythingElseToJavaTime() {
        for (String s : new String[] {"2026-02-29T00:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T07:12:60Z",
                "2026-11-23t07:12:03z", "2026-11-23T07:12Z", "2026-11-23T07:12:03.Z", "2026-11-23T07:12:03.1234567890Z",
                "2026-11-23T07:12:03+18:01", "2026-11-23T07:12:03+0100", "+12026-11-23T07:12:03Z", "2026-11-23T07:1x:03Z",
                "2026-11-23T07:12:03", "2026-11-23 07:12:03Z", ""}) {
            assertThat(IsoTime.offsetInstant(s)).as(s).isNull();
        }
        assertThat(IsoTime.localDateTime("2026-11-23T07:12:03Z")).isNull();
    }

    /** Strings in the usual shape with each part drawn from a little beyond its range, sometimes cut, lengthened or altered. */
    @Provide
    Arbitrary<String> nearIso() {
        Arbitrary<String> date = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.integers().between(0, 9999).map(y -> String.format("%04d", y)),
                        Arbitraries.of("1900", "2000", "2024", "2100", "0000", "+2026", "20261", "202")),
                digits2(0, 13), digits2(0, 32), Arbitraries.of("-", "-", "-", "/", "")).as((y, m, d, sep) -> y + sep + m + sep + d);
        Arbitrary<String> time = Combinators.combine(digits2(0, 24), digits2(0, 60), digits2(0, 61), Arbitraries.of(":", ":", ":", "."))
                .as((h, m, s, sep) -> h + sep + m + sep + s);
        Arbitrary<String> fraction = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just("."),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(11).map(f -> "." + f));
        Arbitrary<String> offset = Arbitraries.oneOf(Arbitraries.of("Z", "z", "", "+00:00", "-00:00", "+18:00", "-18:00", "+18:01",
                        "+01", "+0100", "+01:00:00", "UTC", "+1:00", "[Europe/London]", "Z[UTC]"),
                Combinators.combine(Arbitraries.of("+", "-"), digits2(0, 20), digits2(0, 61)).as((sign, h, m) -> sign + h + ":" + m));
        Arbitrary<String> iso = Combinators.combine(date, Arbitraries.of("T", "T", "T", "t", " "), time, fraction, offset)
                .as((d, t, tm, f, o) -> d + t + tm + f + o);
        return Arbitraries.oneOf(iso, iso, iso, iso.flatMap(s -> Arbitraries.integers().between(0, s.length()).map(n -> s.substring(0, n))),
                Combinators.combine(iso, Arbitraries.integers().between(0, 30), Arbitraries.chars().ascii())
                        .as((s, i, c) -> i < s.length() ? s.substring(0, i) + c + s.substring(i + 1) : s + c));
    }

    private static Arbitrary<String> digits2(int min, int max) {
        return Arbitraries.integers().between(min, max).map(i -> String.format("%02d", i));
    }

    private static Instant javaOffset(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static LocalDateTime javaLocal(String s) {
        try {
            return LocalDateTime.parse(s);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
