package org.hearth.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.simulator.anomaly.AnomalyRates;
import org.hearth.simulator.calibration.KettleParameters;
import org.hearth.simulator.emit.EmissionConfig;
import org.hearth.simulator.home.SimHome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated streams have the properties the simulator claims. */
class StreamPropertiesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final int HOMES = 14;
    private static final int DAYS = 18;

    private static List<SimHome> homes;
    private static List<SensorEvent> events;

    @BeforeAll
    static void simulateQuietMonth() throws Exception {
        SimulationConfig config = SimulationConfig.of(HOMES, DAYS, 11)
                .withEmission(EmissionConfig.CLEAN)
                .withAnomalies(AnomalyRates.NONE);
        Simulator simulator = new Simulator(CLOCK);
        homes = simulator.homes(config);
        CollectingSink sink = new CollectingSink();
        simulator.run(config, sink, null, ProgressListener.NONE);
        events = sink.events();
    }

    @Test
    void riseTimes_matchEachResidentsRoutine() {
        double totalDiff = 0;
        for (SimHome home : homes) {
            Map<LocalDate, Double> rises = riseMinutes(home.id());
            assertThat(rises).as(home.id()).hasSizeGreaterThanOrEqualTo(DAYS - 1);
            double expected = 0;
            for (LocalDate date : rises.keySet()) {
                boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
                expected += home.routine().riseMinute() + (weekend ? home.routine().weekendShiftMinutes() : 0);
            }
            expected /= rises.size();
            double observed = rises.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertThat(observed).as("mean rise of %s", home.id()).isCloseTo(expected, within(25.0));
            totalDiff += observed - expected;
        }
        assertThat(totalDiff / homes.size()).as("mean rise error over all homes, minutes").isCloseTo(0, within(8.0));
    }

    @Test
    void kettleUse_isCloseToTheUkCalibration() {
        KettleParameters uk = KettleParameters.committed();
        List<Double> perDay = new ArrayList<>();
        double cvSum = 0;
        double firstSdSum = 0;
        for (SimHome home : homes) {
            Map<LocalDate, List<Double>> boils = boilStartMinutes(home.id());
            double[] counts = new double[DAYS - 1];
            List<Double> firsts = new ArrayList<>();
            for (int d = 0; d < DAYS - 1; d++) {
                List<Double> day = boils.getOrDefault(LocalDate.of(2026, 11, 2).plusDays(d), List.of());
                counts[d] = day.size();
                perDay.add((double) day.size());
                day.stream().filter(m -> m >= 240).min(Double::compare).ifPresent(firsts::add);
            }
            double mean = java.util.Arrays.stream(counts).average().orElseThrow();
            double sd = Math.sqrt(java.util.Arrays.stream(counts).map(c -> (c - mean) * (c - mean)).sum() / counts.length);
            // Visitors' tea adds a little; outings and the day centre take a little away.
            assertThat(mean).as("boils a day in %s", home.id()).isCloseTo(home.routine().boilsPerDay(), within(1.75));
            cvSum += sd / mean;
            double fm = firsts.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            firstSdSum += Math.sqrt(firsts.stream().mapToDouble(f -> (f - fm) * (f - fm)).sum() / firsts.size());
        }
        double pooled = perDay.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        long none = perDay.stream().filter(c -> c == 0).count();
        assertThat(pooled).as("boils per day").isCloseTo(uk.meanBoilsPerDay(), within(1.0));
        assertThat(perDay).allSatisfy(c -> assertThat(c).isBetween(0.0, 20.0));
        assertThat(cvSum / homes.size()).as("day-to-day CV").isCloseTo(uk.withinHouseCv(), within(0.15));
        assertThat((double) none / perDay.size()).as("days without a boil").isLessThan(uk.noBoilDayRate() + 0.05);
        assertThat(firstSdSum / homes.size()).as("spread of the first boil, minutes")
                .isCloseTo(uk.firstBoilWithinHouseSdMinutes(), within(20.0));
    }

    @Test
    void motionSensors_respectTheirBlindTime() {
        Map<String, Long> lastOn = new HashMap<>();
        int checked = 0;
        for (SensorEvent e : events) {
            if (e.kind() != SensorKind.MOTION || !e.isOn()) {
                continue;
            }
            String key = e.homeId() + "/" + e.sensorId();
            Long previous = lastOn.put(key, e.ts().toEpochMilli());
            if (previous != null) {
                assertThat(e.ts().toEpochMilli() - previous).as(key).isGreaterThanOrEqualTo(30_000);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void heartbeats_comeFromTheHubEveryFiveMinutes() {
        List<Long> hub = events.stream().filter(e -> e.homeId().equals("h1") && e.sensorId().equals("hub"))
                .map(e -> e.ts().toEpochMilli()).toList();
        assertThat(hub.size()).isBetween(DAYS * 288 - 10, DAYS * 288 + 300);
        for (int i = 1; i < hub.size(); i++) {
            assertThat(hub.get(i) - hub.get(i - 1)).isBetween(299_000L, 301_000L);
        }
    }

    /** Local minute of the last bed exit before noon that is not followed by a return within an hour. */
    private static Map<LocalDate, Double> riseMinutes(String homeId) {
        List<SensorEvent> bed = events.stream().filter(e -> e.homeId().equals(homeId) && e.kind() == SensorKind.BED).toList();
        Map<LocalDate, Double> rises = new TreeMap<>();
        for (int i = 0; i < bed.size(); i++) {
            SensorEvent e = bed.get(i);
            ZonedDateTime local = e.ts().atZone(LONDON);
            if (e.isOn() || local.getHour() < 4 || local.getHour() >= 14 || rises.containsKey(local.toLocalDate())) {
                continue;
            }
            boolean back = i + 1 < bed.size() && bed.get(i + 1).isOn()
                    && bed.get(i + 1).ts().toEpochMilli() - e.ts().toEpochMilli() < 3_600_000;
            if (!back) {
                rises.put(local.toLocalDate(), local.getHour() * 60 + local.getMinute() + local.getSecond() / 60.0);
            }
        }
        return rises;
    }

    /** Boil starts (power rising above 1000 W) by local date, as local minutes. */
    static Map<LocalDate, List<Double>> boilStartMinutes(String homeId) {
        Map<LocalDate, List<Double>> boils = new HashMap<>();
        double previous = 0;
        for (SensorEvent e : events) {
            if (!e.homeId().equals(homeId) || e.kind() != SensorKind.POWER) {
                continue;
            }
            if (e.value() > 1000 && previous < 1000) {
                ZonedDateTime local = e.ts().atZone(LONDON);
                boils.computeIfAbsent(local.toLocalDate(), d -> new ArrayList<>())
                        .add(local.getHour() * 60 + local.getMinute() + local.getSecond() / 60.0);
            }
            previous = e.value();
        }
        return boils;
    }

    @Test
    void everySensorOfEveryHomeReports() {
        Set<String> seen = new HashSet<>();
        events.forEach(e -> seen.add(e.homeId() + "/" + e.sensorId()));
        for (SimHome home : homes) {
            home.registry().sensors().forEach(s -> assertThat(seen).contains(home.id() + "/" + s.id()));
        }
    }
}
