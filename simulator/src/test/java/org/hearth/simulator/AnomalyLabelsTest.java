package org.hearth.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.json.HearthJson;
import org.hearth.simulator.anomaly.AnomalyRates;
import org.hearth.simulator.anomaly.AnomalyType;
import org.hearth.simulator.anomaly.Label;
import org.hearth.simulator.emit.EmissionConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels line up with the events: what a label claims is visible (or invisible) in the stream. */
class AnomalyLabelsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path dir;
    private static List<SensorEvent> events;
    private static Map<String, List<SensorEvent>> byHome;
    private static List<Label> labels;

    @BeforeAll
    static void simulateTroubledHomes() throws Exception {
        // Many anomalies, no radio faults and exact clocks, so every check is exact.
        SimulationConfig config = SimulationConfig.of(12, 18, 5)
                .withEmission(EmissionConfig.CLEAN)
                .withAnomalies(AnomalyRates.DEFAULTS.scaled(25).withWarmupDays(1));
        CollectingSink sink = new CollectingSink();
        new Simulator(CLOCK).run(config, sink, dir, ProgressListener.NONE);
        events = sink.events();
        try (var lines = Files.lines(SimulationConfig.labelsFile(dir))) {
            labels = lines.map(l -> read(l, Label.class)).toList();
        }
        byHome = events.stream().collect(Collectors.groupingBy(SensorEvent::homeId));
        try (var lines = Files.lines(SimulationConfig.labelsFile(dir))) {
            labels = lines.map(l -> read(l, Label.class)).toList();
        }
    }

    private static <T> T read(String line, Class<T> type) {
        try {
            return HearthJson.json().readValue(line, type);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }

    private static List<SensorEvent> during(Label label, long fromOffsetMs, long toOffsetMs) {
        Instant from = label.start().plusMillis(fromOffsetMs);
        Instant to = label.end().plusMillis(toOffsetMs);
        return byHome.get(label.homeId()).stream().filter(e -> !e.ts().isBefore(from) && e.ts().isBefore(to)).toList();
    }

    /** Labels of a type; behavioural ones only where the kit was working, so the stream can show them. */
    private static List<Label> ofType(AnomalyType type) {
        return labels.stream().filter(l -> l.type() == type)
                .filter(l -> !type.behavioural() || labels.stream().noneMatch(k -> !k.type().behavioural()
                        && k.homeId().equals(l.homeId()) && k.start().isBefore(l.end().plusSeconds(600))
                        && l.start().minusSeconds(600).isBefore(k.end())))
                .toList();
    }

    @Test
    void labels_coverEveryTypeAndAreOrdered() {
        Map<AnomalyType, Long> counts = labels.stream().collect(Collectors.groupingBy(Label::type, () -> new EnumMap<>(AnomalyType.class), Collectors.counting()));
        assertThat(counts.keySet()).containsExactlyInAnyOrder(AnomalyType.values());
        assertThat(labels).isSortedAccordingTo(Label.ORDER);
        assertThat(labels).allSatisfy(l -> assertThat(l.end()).isAfterOrEqualTo(l.start()));
    }

    /** Every home ends at this one instant (simulator README, "Every home ends at the run's end"). */
    private static Instant runEnd() {
        return events.stream().map(SensorEvent::ts).max(Instant::compareTo).orElseThrow();
    }

    @Test
    void fall_noMovementFromThatHomeUntilFound() {
        assertThat(ofType(AnomalyType.FALL)).hasSizeGreaterThan(3);
        for (Label fall : ofType(AnomalyType.FALL)) {
            assertThat(during(fall, 1, 0)).as("motion during %s", fall)
                    .noneMatch(e -> e.kind() == SensorKind.MOTION && e.isOn());
            assertThat(during(fall, -60_000, 0)).as("movement just before %s", fall)
                    .anyMatch(e -> e.kind() == SensorKind.MOTION && e.isOn());
            if (fall.end().plusSeconds(120).isBefore(runEnd())) { // a rescue after the run's end is not recorded
                assertThat(during(fall, fall.end().toEpochMilli() - fall.start().toEpochMilli(), 120_000))
                        .as("found after %s", fall).anyMatch(e -> e.kind() == SensorKind.MOTION && e.isOn());
            }
        }
    }

    @Test
    void notUp_residentStaysInBedroomUntilEnd() {
        for (Label notUp : ofType(AnomalyType.NOT_UP)) {
            assertThat(during(notUp, 0, 0)).as("during %s", notUp)
                    .noneMatch(e -> e.kind() == SensorKind.MOTION && e.isOn() && !e.sensorId().equals("pir-bedroom"))
                    .noneMatch(e -> e.kind() == SensorKind.POWER && e.value() > 0);
            assertThat(notUp.end()).isAfter(notUp.start().plusSeconds(3600));
        }
    }

    @Test
    void noKettle_noBoilUntilNoon() {
        for (Label label : ofType(AnomalyType.NO_KETTLE)) {
            assertThat(during(label, 0, 0)).as("during %s", label).noneMatch(e -> e.kind() == SensorKind.POWER && e.value() > 0);
            assertThat(label.end().atZone(ZoneId.of("Europe/London")).getHour()).isEqualTo(12);
        }
    }

    @Test
    void noKettle_offTheirFoodToo_noKitchenUntilNoonUnlessBackFromOut() {
        int checked = 0;
        for (Label label : ofType(AnomalyType.NO_KETTLE)) {
            List<SensorEvent> during = during(label, 0, 0);
            Instant door = during.stream().filter(e -> e.sensorId().equals("front-door")).map(SensorEvent::ts)
                    .findFirst().orElse(label.end());
            assertThat(during).as("before any outing or visit, %s", label)
                    .noneMatch(e -> e.sensorId().equals("pir-kitchen") && e.kind() == SensorKind.MOTION && e.isOn()
                            && e.ts().isBefore(door));
            checked++;
        }
        assertThat(checked).isPositive();
    }

    @Test
    void breakfast_mostMorningsUseTheKitchenAwayFromAnyBoil() {
        // Before breakfast was simulated the morning kitchen was only ever the kettle's: a skipped
        // cup of tea left a morning without the kitchen at all, which no real home looks like.
        ZoneId london = ZoneId.of("Europe/London");
        int mornings = 0;
        int withKitchen = 0;
        for (var home : byHome.entrySet()) {
            Map<java.time.LocalDate, List<SensorEvent>> byDate = home.getValue().stream()
                    .filter(e -> {
                        int h = e.ts().atZone(london).getHour();
                        return h >= 5 && h < 12;
                    })
                    .collect(Collectors.groupingBy(e -> e.ts().atZone(london).toLocalDate()));
            for (var day : byDate.entrySet()) {
                boolean labelled = labels.stream().anyMatch(l -> l.homeId().equals(home.getKey())
                        && !l.start().atZone(london).toLocalDate().isAfter(day.getKey())
                        && !l.end().atZone(london).toLocalDate().isBefore(day.getKey()));
                if (labelled) {
                    continue;
                }
                List<Instant> boils = day.getValue().stream().filter(e -> e.kind() == SensorKind.POWER && e.value() > 0)
                        .map(SensorEvent::ts).toList();
                mornings++;
                if (day.getValue().stream().anyMatch(e -> e.sensorId().equals("pir-kitchen") && e.kind() == SensorKind.MOTION
                        && e.isOn()
                        && boils.stream().allMatch(b -> Math.abs(b.getEpochSecond() - e.ts().getEpochSecond()) > 600))) {
                    withKitchen++;
                }
            }
        }
        assertThat(mornings).isGreaterThan(30);
        assertThat((double) withKitchen / mornings).isGreaterThan(0.7);
    }

    @Test
    void nightWandering_startsWithTheDoorAndHomeIsStillWhileOut() {
        for (Label label : ofType(AnomalyType.NIGHT_WANDERING)) {
            int hour = label.start().atZone(ZoneId.of("Europe/London")).getHour();
            assertThat(hour).as("%s", label).isBetween(1, 5);
            assertThat(during(label, -5_000, 5_000 - (label.end().toEpochMilli() - label.start().toEpochMilli())))
                    .as("door at start of %s", label).anyMatch(e -> e.kind() == SensorKind.CONTACT && e.isOn());
            assertThat(during(label, 60_000, -1)).as("while out %s", label)
                    .noneMatch(e -> e.kind() == SensorKind.MOTION && e.isOn());
            assertThat(during(label, label.end().toEpochMilli() - label.start().toEpochMilli(), 30_000))
                    .as("door at return of %s", label).anyMatch(e -> e.kind() == SensorKind.CONTACT && e.isOn());
        }
    }

    @Test
    void notHome_homeIsStillUntilReturn() {
        for (Label label : ofType(AnomalyType.NOT_HOME)) {
            assertThat(during(label, 0, -1)).as("%s", label).noneMatch(e -> e.kind() == SensorKind.MOTION && e.isOn());
        }
    }

    @Test
    void hubOffline_nothingArrivesFromTheHome() {
        assertThat(ofType(AnomalyType.HUB_OFFLINE)).isNotEmpty();
        for (Label label : ofType(AnomalyType.HUB_OFFLINE)) {
            assertThat(during(label, 0, 0)).as("%s", label).isEmpty();
        }
    }

    @Test
    void sensorOffline_oneSensorFallsSilentWhileOthersReport() {
        for (Label label : ofType(AnomalyType.SENSOR_OFFLINE)) {
            List<SensorEvent> during = during(label, 0, 0);
            Set<String> reporting = during.stream().map(SensorEvent::sensorId).collect(Collectors.toSet());
            // Hourly heartbeats mean every sensor reports within 2 h unless silenced.
            Set<String> all = byHome.get(label.homeId()).stream().map(SensorEvent::sensorId)
                    .collect(Collectors.toSet());
            if (label.end().toEpochMilli() - label.start().toEpochMilli() >= 2 * 3_600_000L && !overlapsHubOffline(label)) {
                assertThat(all.size() - reporting.size()).as("silent sensors in %s", label).isGreaterThanOrEqualTo(1);
                assertThat(reporting).contains("hub");
            }
        }
    }

    private static boolean overlapsHubOffline(Label label) {
        return ofType(AnomalyType.HUB_OFFLINE).stream().anyMatch(h -> h.homeId().equals(label.homeId())
                && h.start().isBefore(label.end()) && label.start().isBefore(h.end()));
    }

    @Test
    void trends_spanSeveralDays() {
        for (Label label : labels.stream().filter(l -> l.type().trend()).toList()) {
            assertThat(label.end().toEpochMilli() - label.start().toEpochMilli()).as("%s", label).isGreaterThanOrEqualTo(86_400_000L);
        }
    }
}
