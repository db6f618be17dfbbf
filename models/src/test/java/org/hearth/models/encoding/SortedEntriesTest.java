package org.hearth.models.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Entries read back in key order make the map that putting them one by one makes, in order or not. */
class SortedEntriesTest {

    private static TreeMap<String, Integer> viaEntries(List<String> keys) {
        SortedEntries<Integer> entries = new SortedEntries<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            entries.add(keys.get(i), i);
        }
        return entries.toTreeMap();
    }

    private static TreeMap<String, Integer> viaPut(List<String> keys) {
        TreeMap<String, Integer> map = new TreeMap<>();
        for (int i = 0; i < keys.size(); i++) {
            map.put(keys.get(i), i);
        }
        return map;
    }

    @Test
    void keysInOrderOutOfOrderRepeatedOrNoneGiveTheMapOfPut() {
        Random random = new Random(15);
        for (int run = 0; run < 500; run++) {
            List<String> keys = new ArrayList<>();
            for (int i = random.nextInt(40); i > 0; i--) {
                keys.add("sensor-" + random.nextInt(run % 2 == 0 ? 30 : 1000));
            }
            if (run % 3 != 0) { // most runs as a TreeMap writes them: ascending, distinct
                keys = new ArrayList<>(new java.util.TreeSet<>(keys));
            }
            TreeMap<String, Integer> built = viaEntries(keys);
            TreeMap<String, Integer> put = viaPut(keys);
            assertThat(built).as("run %d", run).isEqualTo(put);
            assertThat(new ArrayList<>(built.entrySet())).as("run %d", run).isEqualTo(new ArrayList<>(put.entrySet()));
            if (!built.isEmpty()) { // a real TreeMap: searches, inserts and removes work on it
                assertThat(built.firstKey()).isEqualTo(put.firstKey());
                assertThat(built.get(keys.get(keys.size() - 1))).isEqualTo(put.get(keys.get(keys.size() - 1)));
                built.put("a", -1);
                built.remove(put.lastKey());
                assertThat(built.headMap("a", true)).containsExactly(Map.entry("a", -1));
            }
        }
    }

    @Test
    void aNullKeyIsRefusedAsTreeMapPutRefusesIt() {
        SortedEntries<Integer> entries = new SortedEntries<>(2);
        entries.add("a", 1);
        assertThatThrownBy(() -> entries.add(null, 2)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aHugeCountDoesNotReserveMemoryAndManyEntriesStillFit() {
        SortedEntries<Integer> entries = new SortedEntries<>(Integer.MAX_VALUE);
        for (int i = 0; i < 5_000; i++) {
            entries.add(String.format("%05d", i), i);
        }
        TreeMap<String, Integer> map = entries.toTreeMap();
        assertThat(map).hasSize(5_000);
        assertThat(map.get("04999")).isEqualTo(4_999);
    }
}
