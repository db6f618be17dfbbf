package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hearth.models.encoding.Bytes;
import org.hearth.models.encoding.KitStrings;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.state.StateCodec;
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.Test;

/**
 * The open days written again as the bytes they were read from when an event left them as they were (issue 18):
 * event by event, as the job reads and writes the hot value, those bytes are exactly what encoding the days anew gives.
 */
class OpenDaysStoredBytesTest {

    private final HomeRules rules = new HomeRules(TestHomes.standardHome(), RuleSettings.DEFAULTS);

    @Test
    void againstTheKitTheDaysUnchangedByAnEventAreTheirStoredBytesAndEqualAFreshEncoding() throws Exception {
        // a heartbeat is no activity: the days as they were, every other event here; a routine's events mostly change them
        int[] copiedOfEvents = replayAndCompare(rules.kitStrings());
        int events = copiedOfEvents[1];
        assertThat(copiedOfEvents[0]).isGreaterThan(events / 2 - events / 10).isLessThan(events);
    }

    @Test
    void withTheirOwnTableTheyAreEncodedAnewEveryTime() throws Exception {
        assertThat(replayAndCompare(KitStrings.NONE)[0]).isZero();
    }

    @Test
    void daysStoredInAnOlderFormatAreEncodedAnewNotCopied() throws Exception {
        HomeRulesState state = new HomeRulesState();
        for (SensorEvent e : new RoutineEvents(3).day(LocalDate.of(2026, 6, 1), 7 * 60 + 30)) {
            RulesDriver.step(rules, state, e);
        }
        rules.nextDeadline(state); // decoded
        byte[] older = StateCodec.withOwnTable(StateCodec.writeDays(state.learned.live.days, rules.kitStrings()),
                rules.kitStrings()); // format 5: its own table
        HomeRulesState s = new HomeRulesState();
        s.safety = state.safety;
        s.learned.restoreRaw(null, older, state.learned.trackerRaw(), state.learned.limitsRaw());
        rules.nextDeadline(s);
        byte[] written = s.learned.daysRaw(rules.kitStrings());
        assertThat(written).isNotSameAs(older);
        assertThat(written).isEqualTo(StateCodec.writeDays(s.learned.live.days, rules.kitStrings()));
        // in its own table the same format, but the kit's every string in its table: encoded anew, fewer strings
        assertThat(s.learned.daysRaw()).isNotEqualTo(older).isEqualTo(StateCodec.writeDays(s.learned.live.days));
    }

    /**
     * Twelve routine days with a heartbeat after each event, one event per access as the job takes it; the days' bytes
     * checked after every event. Returns how many times they were their stored bytes, and of how many events.
     */
    private int[] replayAndCompare(KitStrings kit) throws Exception {
        byte[] stored = write(new HomeRulesState(), kit);
        RoutineEvents routine = new RoutineEvents(3);
        int events = 0;
        int copied = 0;
        for (int d = 0; d < 12; d++) {
            List<SensorEvent> day = new ArrayList<>();
            for (SensorEvent e : routine.day(LocalDate.of(2026, 6, 1).plusDays(d), 7 * 60 + 30 + d % 3 * 5)) {
                day.add(e);
                day.add(SensorEvent.of(e.homeId(), "hub", e.ts().plusSeconds(20), SensorKind.HEARTBEAT, 1)); // no activity
            }
            for (SensorEvent e : day) {
                HomeRulesState s = HomeRulesStateCodec.read(new Bytes.In(stored));
                HomeRulesStateCodec.resolve(s, kit, () -> null);
                byte[] before = s.learned.storedDays();
                RulesDriver.step(rules, s, e);
                KitStrings writeKit = kit.size() == 0 ? null : kit; // as CompactRulesState writes them
                byte[] days = writeKit == null ? s.learned.daysRaw() : s.learned.daysRaw(writeKit);
                assertThat(days).isEqualTo(StateCodec.writeDays(s.learned.live.days, writeKit));
                if (before != null && days == before) {
                    copied++;
                }
                stored = write(s, kit);
                events++;
            }
        }
        return new int[] {copied, events};
    }

    private static byte[] write(HomeRulesState s, KitStrings kit) throws Exception {
        HomeRulesStateCodec.writeKit(s, kit);
        Bytes.Out out = new Bytes.Out(1024);
        HomeRulesStateCodec.write(s, out);
        return out.toByteArray();
    }
}
