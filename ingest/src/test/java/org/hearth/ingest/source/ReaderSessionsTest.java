package org.hearth.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import org.hearth.ingest.source.ReaderSessions.Slot;
import org.junit.jupiter.api.Test;

class ReaderSessionsTest {

    @Test
    void clientIds_connectionZeroKeepsTheIdReadersHadBefore() {
        ReaderSessions s = new ReaderSessions("hearth-run", 1, 2, 3);
        assertThat(s.own(0)).isEqualTo("hearth-run-1");
        assertThat(s.own(2)).isEqualTo("hearth-run-1-c2");
        assertThatThrownBy(() -> s.own(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void probes_findEverySessionAnEarlierRunLeft_andNeverOneAReaderOwnsNow() {
        // Every earlier (parallelism, connections) -> every later one, up to 3 x 3 (and the largest k): the readers of the later run
        // together probe every slot the earlier run had that they do not own, and no slot any of them owns.
        for (int p0 = 1; p0 <= 3; p0++) {
            for (int k0 : new int[] {1, 2, 3, MqttSourceConfig.MAX_CONNECTIONS_PER_READER}) {
                for (int p1 = 1; p1 <= 3; p1++) {
                    for (int k1 : new int[] {1, 2, 3, MqttSourceConfig.MAX_CONNECTIONS_PER_READER}) {
                        Set<Slot> before = slots(p0, k0);
                        Set<Slot> now = slots(p1, k1);
                        Set<Slot> probedWithSession = new HashSet<>();
                        for (int i = 0; i < p1; i++) {
                            List<Slot> probed = probes(new ReaderSessions("x", i, p1, k1), before::contains);
                            assertThat(probed).as("p %d k %d -> p %d k %d, reader %d", p0, k0, p1, k1, i).doesNotContainAnyElementsOf(now);
                            probed.stream().filter(before::contains).forEach(probedWithSession::add);
                        }
                        Set<Slot> orphans = new HashSet<>(before);
                        orphans.removeAll(now);
                        assertThat(probedWithSession).as("p %d k %d -> p %d k %d", p0, k0, p1, k1).isEqualTo(orphans);
                    }
                }
            }
        }
    }

    @Test
    void everyConnectionIndexOfASubtaskIsProbed_andASubtaskWithNoSessionEndsTheSearch() {
        int max = MqttSourceConfig.MAX_CONNECTIONS_PER_READER;
        ReaderSessions s = new ReaderSessions("x", 0, 1, 1);
        assertThat(s.firstSubtask()).isZero();
        assertThat(s.slotsOf(0)).as("its own surplus connections").hasSize(max - 1).first().isEqualTo(new Slot(0, 1));
        assertThat(s.slotsOf(1)).as("every index of another subtask").hasSize(max).first().isEqualTo(new Slot(1, 0));
        assertThat(s.slotsOf(1)).last().isEqualTo(new Slot(1, max - 1));
        // The reader's own subtask always leads on to the next one, with or without surplus sessions.
        assertThat(s.nextSubtask(0, false)).hasValue(1);
        assertThat(s.nextSubtask(1, true)).hasValue(2);
        assertThat(s.nextSubtask(1, false)).as("subtask 1 held nothing").isEmpty();
        ReaderSessions full = new ReaderSessions("x", 1, 2, max);
        assertThat(full.slotsOf(1)).as("no surplus index").isEmpty();
        assertThat(full.nextSubtask(1, false)).hasValue(3);
        assertThatThrownBy(() -> full.slotsOf(2)).as("subtask 2 is reader 0's").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReaderSessions("x", 0, 1, max + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailoverBetweenDrainsOfOneSubtask_leavesNoSessionUnprobed() {
        // review-18 F4: k = 3 -> 1; the reader drains and ends -0-c1, the job fails over before it reaches -0-c2. The
        // restarted reader must still find -0-c2 (before, it stopped at the gap -0-c1 left).
        Set<Slot> left = Set.of(new Slot(0, 0), new Slot(0, 2));
        assertThat(probes(new ReaderSessions("x", 0, 1, 1), left::contains)).contains(new Slot(0, 2));

        // Every earlier (parallelism, connections) -> every later one, up to 3 x 3 (and the largest k): each reader of
        // the later run drains its orphans in probe order and fails over after ending n of them, for every n. The
        // reader that restarts (same p and k) must find exactly those not yet ended, while the crash fell inside a
        // subtask's slots or in the reader's own surplus ones (the gap an emptied subtask i + p leaves before i + 2p is
        // not covered: see ReaderSessions).
        int max = MqttSourceConfig.MAX_CONNECTIONS_PER_READER;
        int[] ks = {1, 2, 3, max};
        for (int p0 = 1; p0 <= 3; p0++) {
            for (int k0 : ks) {
                for (int p1 = 1; p1 <= 3; p1++) {
                    for (int k1 : ks) {
                        Set<Slot> before = slots(p0, k0);
                        for (int i = 0; i < p1; i++) {
                            ReaderSessions reader = new ReaderSessions("x", i, p1, k1);
                            List<Slot> drainOrder = probes(reader, before::contains).stream().filter(before::contains).toList();
                            for (int n = 0; n <= drainOrder.size(); n++) {
                                Set<Slot> ended = new HashSet<>(drainOrder.subList(0, n));
                                if (emptiesAForeignSubtask(ended, before, i)) {
                                    continue;
                                }
                                Set<Slot> still = new HashSet<>(before);
                                still.removeAll(ended);
                                List<Slot> found = probes(reader, still::contains).stream().filter(still::contains).toList();
                                assertThat(found).as("p %d k %d -> p %d k %d, reader %d failed over after %d ended", p0, k0, p1, k1, i, n)
                                        .containsExactlyElementsOf(drainOrder.subList(n, drainOrder.size()));
                            }
                        }
                    }
                }
            }
        }
    }

    /** Whether {@code ended} took every session of some subtask other than the reader's own. */
    private static boolean emptiesAForeignSubtask(Set<Slot> ended, Set<Slot> before, int own) {
        return ended.stream().map(Slot::subtask).filter(t -> t != own).distinct()
                .anyMatch(t -> before.stream().filter(s -> s.subtask() == t).allMatch(ended::contains));
    }

    @Test
    void theConfigRefusesConnectionsWithoutASharedSubscription() {
        MqttSource.Builder b = MqttSource.builder().serverUri("tcp://127.0.0.1:1").topicFilters("t/#").sessionExpiry(Duration.ofMinutes(1));
        assertThatThrownBy(() -> b.shareMode(MqttSourceConfig.ShareMode.NEVER).connectionsPerReader(2).config())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shared subscription");
        assertThatThrownBy(() -> b.shareMode(MqttSourceConfig.ShareMode.WHEN_PARALLEL).connectionsPerReader(17).config())
                .isInstanceOf(IllegalArgumentException.class);
        MqttSourceConfig two = b.connectionsPerReader(2).config();
        assertThat(two.shared(1)).as("two connections of one reader share the stream").isTrue();
        assertThat(b.connectionsPerReader(1).config().shared(1)).as("one reader, one connection: plain, as before").isFalse();
    }

    private static Set<Slot> slots(int parallelism, int connections) {
        Set<Slot> slots = new HashSet<>();
        for (int i = 0; i < parallelism; i++) {
            for (int c = 0; c < connections; c++) {
                slots.add(new Slot(i, c));
            }
        }
        return slots;
    }

    /** The slots one reader probes when {@code present} says which hold a session. */
    private static List<Slot> probes(ReaderSessions sessions, Predicate<Slot> present) {
        List<Slot> probed = new ArrayList<>();
        OptionalInt next = OptionalInt.of(sessions.firstSubtask());
        while (next.isPresent()) {
            List<Slot> slots = sessions.slotsOf(next.getAsInt());
            probed.addAll(slots);
            next = sessions.nextSubtask(next.getAsInt(), slots.stream().anyMatch(present));
        }
        return probed;
    }
}
