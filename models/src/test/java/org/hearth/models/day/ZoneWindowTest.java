package org.hearth.models.day;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link CareDay}'s arithmetic inside a {@link ZoneWindow} gives exactly what {@code java.time}
 * gives, everywhere: far from transitions (the fast path), next to them, in spring-forward gaps
 * and fall-back overlaps, in zones whose offset moved by a whole day, and in fixed zones.
 */
class ZoneWindowTest {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/London"), ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Pacific/Apia"), ZoneId.of("Asia/Kolkata"),
            ZoneId.of("America/St_Johns"), ZoneOffset.ofHoursMinutes(5, 45), ZoneId.of("UTC"));
    private static final List<LocalTime> BOUNDARIES = List.of(LocalTime.NOON, LocalTime.MIDNIGHT, LocalTime.of(2, 30),
            LocalTime.of(4, 0, 30, 500));

    /** The reference: CareDay's own java.time path, as it was before the window. */
    private static CareDay containingByJavaTime(Instant t, ZoneId zone, LocalTime boundary) {
        ZonedDateTime local = t.atZone(zone);
        LocalDate d = local.toLocalDate();
        return new CareDay(local.toLocalTime().isBefore(boundary) ? d.minusDays(1) : d);
    }

    private static Instant instantAtByJavaTime(CareDay day, int minute, ZoneId zone, LocalTime boundary) {
        int care = CareDay.careMinute(minute, boundary);
        int b = boundary.getHour() * 60 + boundary.getMinute();
        LocalDate d = b + care >= 1440 ? day.date().plusDays(1) : day.date();
        return ZonedDateTime.of(d, LocalTime.of(minute / 60, minute % 60), zone).toInstant();
    }

    /** Instants around every transition of 2010-2030 (a few days either side, minute by minute near it) and at random. */
    private static List<Instant> instants(ZoneId zone, SplittableRandom random) {
        List<Instant> out = new ArrayList<>();
        Instant t = Instant.parse("2010-01-01T00:00:00Z");
        ZoneOffsetTransition tr;
        while ((tr = zone.getRules().nextTransition(t)) != null && tr.getInstant().isBefore(Instant.parse("2030-01-01T00:00:00Z"))) {
            long at = tr.getInstant().getEpochSecond();
            for (long s = at - 3 * 86_400; s <= at + 3 * 86_400; s += 1_799) {
                out.add(Instant.ofEpochSecond(s, random.nextInt(1_000_000_000)));
            }
            for (long s = at - 7_200; s <= at + 7_200; s += 59) {
                out.add(Instant.ofEpochSecond(s));
            }
            out.add(Instant.ofEpochSecond(at - 1, 999_999_999));
            out.add(Instant.ofEpochSecond(at));
            out.add(Instant.ofEpochSecond(at, 1));
            out.add(Instant.ofEpochSecond(at - 3 * 86_400)); // after the window was found at the transition itself
            t = tr.getInstant();
        }
        for (int i = 0; i < 5_000; i++) {
            out.add(Instant.ofEpochSecond(random.nextLong(1_262_304_000L, 1_893_456_000L), random.nextInt(1_000_000_000)));
        }
        return out;
    }

    @Test
    void containingAndLocalMinute_areJavaTimes_everywhere() {
        SplittableRandom random = new SplittableRandom(18);
        for (ZoneId zone : ZONES) {
            for (Instant t : instants(zone, random)) {
                for (LocalTime boundary : BOUNDARIES) {
                    assertThat(CareDay.containing(t, zone, boundary)).as("%s in %s, boundary %s", t, zone, boundary)
                            .isEqualTo(containingByJavaTime(t, zone, boundary));
                }
                LocalTime lt = t.atZone(zone).toLocalTime();
                assertThat(CareDay.localMinuteOf(t, zone)).as("%s in %s", t, zone).isEqualTo(lt.getHour() * 60 + lt.getMinute());
            }
        }
    }

    @Test
    void instantAt_isJavaTimes_inGapsOverlapsAndBetween() {
        SplittableRandom random = new SplittableRandom(7);
        for (ZoneId zone : ZONES) {
            List<Instant> instants = instants(zone, random);
            for (int i = 0; i < instants.size(); i += 3) {
                for (LocalTime boundary : BOUNDARIES) {
                    CareDay day = containingByJavaTime(instants.get(i), zone, boundary);
                    int minute = random.nextInt(1440);
                    assertThat(day.instantAt(minute, zone, boundary)).as("%s %d in %s, boundary %s", day, minute, zone, boundary)
                            .isEqualTo(instantAtByJavaTime(day, minute, zone, boundary));
                }
            }
            // every minute of the care days around each transition: the gap's and the overlap's local times included
            Instant t = Instant.parse("2020-01-01T00:00:00Z");
            for (int k = 0; k < 4; k++) {
                ZoneOffsetTransition tr = zone.getRules().nextTransition(t);
                if (tr == null) {
                    break;
                }
                CareDay day = containingByJavaTime(tr.getInstant(), zone, LocalTime.NOON);
                for (CareDay d : List.of(day.previous(), day, day.next())) {
                    for (int minute = 0; minute < 1440; minute++) {
                        assertThat(d.instantAt(minute, zone, LocalTime.NOON)).as("%s %d in %s", d, minute, zone)
                                .isEqualTo(instantAtByJavaTime(d, minute, zone, LocalTime.NOON));
                    }
                }
                t = tr.getInstant();
            }
        }
    }

    @Test
    void startAndEnd_areJavaTimes_aroundTransitionsAndBetween() {
        SplittableRandom random = new SplittableRandom(18_18);
        for (ZoneId zone : ZONES) {
            List<Instant> instants = instants(zone, random);
            for (int i = 0; i < instants.size(); i += 2) {
                for (LocalTime boundary : BOUNDARIES) {
                    CareDay day = containingByJavaTime(instants.get(i), zone, boundary);
                    assertThat(day.start(zone, boundary)).as("%s in %s, boundary %s", day, zone, boundary)
                            .isEqualTo(ZonedDateTime.of(day.date(), boundary, zone).toInstant());
                    assertThat(day.end(zone, boundary)).as("end of %s in %s, boundary %s", day, zone, boundary)
                            .isEqualTo(ZonedDateTime.of(day.date().plusDays(1), boundary, zone).toInstant());
                }
            }
            // a boundary inside a spring-forward gap or a fall-back overlap, on every day near each transition
            Instant t = Instant.parse("2020-01-01T00:00:00Z");
            for (int k = 0; k < 4; k++) {
                ZoneOffsetTransition tr = zone.getRules().nextTransition(t);
                if (tr == null) {
                    break;
                }
                LocalTime inside = tr.getDateTimeBefore().toLocalTime().plusMinutes(1);
                for (int d = -3; d <= 3; d++) {
                    CareDay day = new CareDay(tr.getDateTimeBefore().toLocalDate().plusDays(d));
                    for (LocalTime boundary : List.of(inside, tr.getDateTimeBefore().toLocalTime(), tr.getDateTimeAfter().toLocalTime())) {
                        assertThat(day.start(zone, boundary)).as("%s in %s, boundary %s", day, zone, boundary)
                                .isEqualTo(ZonedDateTime.of(day.date(), boundary, zone).toInstant());
                    }
                }
                t = tr.getInstant();
            }
        }
    }

    @Test
    void fastPath_isTakenFarFromTransitions_andNotNearThem() {
        ZoneId london = ZoneId.of("Europe/London");
        long summer = Instant.parse("2026-07-01T12:00:00Z").getEpochSecond();
        long springForward = Instant.parse("2026-03-29T01:00:00Z").getEpochSecond();
        assertThat(ZoneWindow.of(london, summer).fast(summer)).isTrue();
        assertThat(ZoneWindow.of(london, springForward + 3_600).fast(springForward + 3_600)).isFalse();
        assertThat(ZoneWindow.of(london, springForward - 3_600).fast(springForward - 3_600)).isFalse();
        // found at a transition's own second (where previousTransition answers the one before): starts there
        ZoneWindow atTransition = ZoneWindow.around(springForward, london);
        assertThat(atTransition.holds(london, springForward - 3 * 86_400)).isFalse();
        assertThat(atTransition.offsetSeconds()).isEqualTo(3_600);
        assertThat(ZoneWindow.of(ZoneOffset.ofHours(2), summer).fast(Long.MAX_VALUE - ZoneWindow.MARGIN_S - 1)).isTrue();
    }
}
