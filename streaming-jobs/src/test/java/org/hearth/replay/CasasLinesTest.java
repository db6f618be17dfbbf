package org.hearth.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.RegistryLoader;
import org.junit.jupiter.api.Test;

/** CASAS lines as real logs write them: the layouts of several generations and their garbled values. */
class CasasLinesTest {

    private static final Home HOME = new RegistryLoader().parse("homes.yaml", """
            homes:
              - id: aruba
                timezone: America/Los_Angeles
                resident: {id: r1, alias: "A.R."}
                sensors:
                  - {id: pir-kitchen, kind: motion, room: kitchen, device: M003}
                  - {id: pir-living, kind: motion, room: living, device: M026}
                  - {id: front-door, kind: contact, room: hall, role: front-door, device: D001}
                  - {id: temp, kind: temperature, room: kitchen, device: T001}
                carers:
                  - {name: Kim, phone: "+447700900999"}
            """).homes().get(0);

    private final CasasLines lines = new CasasLines("aruba.txt", HOME);

    @Test
    void readsTheClassicLayoutWithActivityMarkers() {
        assertThat(value("2010-11-04 08:01:02.123456 M003 ON Meal_Preparation begin")).isEqualTo(1.0);
        assertThat(value("2010-11-04 08:01:22.5 M003 OFF")).isEqualTo(0.0);
        assertThat(value("2010-11-04 08:02:00 D001 OPEN")).isEqualTo(1.0);
        assertThat(value("2010-11-04 08:02:09 D001 CLOSE")).isEqualTo(0.0);
        assertThat(value("2010-11-04 08:03:00 T001 21.5")).isEqualTo(21.5);
    }

    @Test
    void readsTheValueAfterALocationAndBeforeTheSensorType() {
        assertThat(value("2012-08-31 18:02:29 M003 Kitchen ON Control4_Motion Drink")).isEqualTo(1.0);
        assertThat(value("2012-08-31 18:02:33 M003 Kitchen Kitchen OFF Control4-Motion")).isEqualTo(0.0);
        assertThat(value("2012-08-31 18:03:00 T001 Kitchen 22.0 Control4-Temperature")).isEqualTo(22.0);
    }

    @Test
    void readsSlashedDatesAndUnpaddedFieldsAtTheSameInstant() {
        Instant padded = event("2012-08-05 08:02:29 M003 ON").ts();
        assertThat(event("2012/8/5 8:02:29 M003 ON").ts()).isEqualTo(padded)
                .isEqualTo(Instant.parse("2012-08-05T15:02:29Z"));
    }

    /** The Aruba log of 2010-12-13 garbles on and off for about ten hours; each is still a movement or its end. */
    @Test
    void repairsTheGarbledOnAndOffWordsOfRealLogs() {
        for (String on : List.of("ONc", "ON5", "ON55", "ON5c", "ONcc", "ONc5c", "ONM026")) {
            assertThat(value("2010-12-13 10:00:00 M026 " + on)).as(on).isEqualTo(1.0);
        }
        for (String off : List.of("OFF5", "OFcF", "OFFc", "OFF5cc", "OcFF", "OFFccc5", "OF")) {
            assertThat(value("2010-12-13 10:00:00 M026 " + off)).as(off).isEqualTo(0.0);
        }
        assertThat(value("2010-12-13 10:00:00 D001 OPENc")).isEqualTo(1.0);
    }

    @Test
    void refusesWhatCannotBeReadWithTheLineAndItsReason() {
        assertThat(dead("2010-12-13 10:00:00 M026 O")).isEqualTo(DeadLetterReason.WRONG_TYPE); // on or off?
        assertThat(dead("2010-12-13 10:00:00 M003 MAYBE")).isEqualTo(DeadLetterReason.WRONG_TYPE);
        assertThat(dead("2010-12-13 10:00:00 T001 warm")).isEqualTo(DeadLetterReason.WRONG_TYPE);
        assertThat(dead("2011-05-10 10:00:00 c OFF")).isEqualTo(DeadLetterReason.UNKNOWN_DEVICE);
        assertThat(dead("2010-13-13 10:00:00 M003 ON")).isEqualTo(DeadLetterReason.WRONG_TYPE);
        assertThat(lines.decode("2010-12-13 10:00:00 M026 O", 7).get(0).deadLetter().detail())
                .contains("aruba.txt:7").contains("'O'").contains("pir-living");
    }

    private double value(String line) {
        return event(line).value();
    }

    private org.hearth.models.event.SensorEvent event(String line) {
        List<ReplayRecord> records = lines.decode(line, 1);
        assertThat(records).as(line).singleElement().matches(ReplayRecord::isEvent, "an event");
        return records.get(0).event();
    }

    private DeadLetterReason dead(String line) {
        List<ReplayRecord> records = lines.decode(line, 1);
        assertThat(records).as(line).singleElement().matches(r -> !r.isEvent(), "a dead letter");
        return records.get(0).deadLetter().reason();
    }
}
