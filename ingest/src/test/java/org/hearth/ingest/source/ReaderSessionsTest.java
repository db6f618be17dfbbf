package org.hearth.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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
        // Every earlier (parallelism, connections) -> every later one, up to 3 x 3: the readers of the later run
        // together probe every slot the earlier run had that they do not own, and no slot any of them owns.
        for (int p0 = 1; p0 <= 3; p0++) {
            for (int k0 = 1; k0 <= 3; k0++) {
                for (int p1 = 1; p1 <= 3; p1++) {
                    for (int k1 = 1; k1 <= 3; k1++) {
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
    void aSubtaskWithoutASessionAtConnectionZeroEndsTheSearch() {
        ReaderSessions s = new ReaderSessions("x", 0, 1, 1);
        assertThat(s.firstProbe()).isEqualTo(new Slot(0, 1));
        assertThat(s.next(new Slot(0, 1), false)).contains(new Slot(1, 0));
        assertThat(s.next(new Slot(1, 0), true)).contains(new Slot(1, 1));
        assertThat(s.next(new Slot(1, 0), false)).isEmpty();
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
        Optional<Slot> next = Optional.of(sessions.firstProbe());
        while (next.isPresent()) {
            Slot slot = next.get();
            probed.add(slot);
            next = sessions.next(slot, present.test(slot));
        }
        return probed;
    }
}
