package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hearth.models.encoding.KitStrings;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.Test;

/**
 * The open days' gatherings kept apart from the hot value ({@link LearnedState#spillDays}, the streaming job's list of
 * parts) and folded back at day close: the rules decide the same and learn the same baseline, byte for byte, as a
 * state that kept them in the hot value, while the hot value stays small.
 */
class DayPartsLearningTest {

    private final RoutineEvents routine = new RoutineEvents(11);

    @Test
    void partsKeptApart_learnTheSameBaseline_decideTheSame_andShrinkTheHotValue() throws IOException {
        HomeRules rules = new HomeRules(TestHomes.standardHome(), RuleSettings.DEFAULTS);
        KitStrings kit = rules.kitStrings();
        HomeRulesState kept = new HomeRulesState();
        HomeRulesState apart = new HomeRulesState();
        List<byte[]> parts = new ArrayList<>();
        List<RuleOutcome> keptOut = new ArrayList<>();
        List<RuleOutcome> apartOut = new ArrayList<>();
        long keptBytes = 0;
        long apartBytes = 0;
        int spills = 0;
        int folds = 0;
        LocalDate first = LocalDate.of(2026, 10, 1);
        for (int d = 0; d < 12; d++) {
            for (SensorEvent e : routine.day(first.plusDays(d), 7 * 60 + 20 + (d % 4) * 10)) {
                keptOut.addAll(RulesDriver.step(rules, kept, e));
                apartOut.addAll(RulesDriver.step(rules, apart, e));
                // as the job on RocksDB: the hot value through bytes after every event, the parts to their list
                if (apart.learned.dayPartsFolded()) {
                    parts.clear();
                    apart.learned.dayPartsForgotten();
                    folds++;
                }
                apart.learned.useDayPartsStore(() -> List.copyOf(parts));
                byte[] part = apart.learned.spillDays(LearnedState.SPILL_ENTRIES);
                if (part != null) {
                    parts.add(part);
                    spills++;
                }
                byte[] k = write(kept, kit);
                byte[] a = write(apart, kit);
                keptBytes += k.length;
                apartBytes += a.length;
                kept = read(k, kit);
                apart = read(a, kit);
                apart.learned.useDayPartsStore(() -> List.copyOf(parts));
            }
        }

        assertThat(spills).isGreaterThan(folds).isPositive();
        assertThat(folds).isGreaterThanOrEqualTo(10); // a fold at every day close but the first
        assertThat(apartOut).isEqualTo(keptOut);
        assertThat(apart.learned.baselineRaw()).isEqualTo(kept.learned.baselineRaw());
        assertThat(apartBytes).isLessThan(keptBytes);
    }

    @Test
    void thePartsFoldBackOnceInAnAccess_evenWhenTwoDaysCloseInIt() {
        HomeRules rules = new HomeRules(TestHomes.standardHome(), RuleSettings.DEFAULTS);
        HomeRulesState s = new HomeRulesState();
        List<byte[]> parts = new ArrayList<>();
        s.learned.useDayPartsStore(() -> List.copyOf(parts));
        for (SensorEvent e : routine.day(LocalDate.of(2026, 10, 1), 7 * 60 + 30)) {
            RulesDriver.step(rules, s, e);
            byte[] part = s.learned.spillDays(LearnedState.SPILL_ENTRIES);
            if (part != null) {
                parts.add(part);
            }
        }
        assertThat(parts).isNotEmpty();
        s.learned.foldDayParts();
        byte[] once = s.learned.daysRaw();
        s.learned.foldDayParts(); // a second close in the same access: the list is cleared only when the state is written
        assertThat(s.learned.daysRaw()).isEqualTo(once);
    }

    @Test
    void aStateWithoutAStore_spillsNothing_andFailsLoudlyWhenAskedTo() {
        HomeRules rules = new HomeRules(TestHomes.standardHome(), RuleSettings.DEFAULTS);
        HomeRulesState s = new HomeRulesState();
        for (SensorEvent e : routine.day(LocalDate.of(2026, 10, 1), 7 * 60 + 30)) {
            RulesDriver.step(rules, s, e);
        }
        HomeRulesState state = s;
        assertThat(state.learned.spillDays(Integer.MAX_VALUE)).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> state.learned.spillDays(0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("store");
    }

    private static byte[] write(HomeRulesState s, KitStrings kit) throws IOException {
        HomeRulesStateCodec.writeKit(s, kit);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HomeRulesStateCodec.write(s, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static HomeRulesState read(byte[] b, KitStrings kit) throws IOException {
        HomeRulesState s = HomeRulesStateCodec.read(new DataInputStream(new ByteArrayInputStream(b)));
        HomeRulesStateCodec.resolve(s, kit, () -> null);
        return s;
    }
}
