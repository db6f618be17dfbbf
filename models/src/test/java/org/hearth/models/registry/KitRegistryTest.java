package org.hearth.models.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The registry's look-up by id (an index the homes build on first use) and the value the record still is. */
class KitRegistryTest {

    private static Home home(String id, String alias) {
        return new Home(id, null, new Resident("r-" + id, alias), null, null, null, null, null, null);
    }

    @Test
    void home_findsEveryHomeOfALargeRegistry_andNoOther() {
        List<Home> homes = IntStream.range(0, 20_000).mapToObj(i -> home("h" + i, null)).toList();
        KitRegistry registry = new KitRegistry(homes);

        for (int i = 0; i < 20_000; i++) {
            assertThat(registry.home("h" + i)).containsSame(homes.get(i));
        }
        assertThat(registry.home("h20000")).isEmpty();
        assertThat(registry.home("")).isEmpty();
        assertThat(registry.home(null)).isEmpty();
    }

    /**
     * A fleet's ids are sequential, and String hashes of sequential ids fall in runs; an index that kept the runs
     * read ~9 slots per hit (1,700 at worst) at a million homes. Counted in slots read, not timed.
     */
    @Test
    void home_sequentialIdsOfAMillionHomes_spreadOverTheIndex() {
        for (String prefix : List.of("h1c", "h", "")) {
            int n = 1_000_000;
            Home[] homes = new Home[n];
            for (int i = 0; i < n; i++) {
                homes[i] = home(prefix + (12_345 + i), null);
            }
            HomeList list = (HomeList) new KitRegistry(Arrays.asList(homes)).homes();

            long hits = 0;
            int worst = 0;
            for (int i = 0; i < n; i++) {
                int p = list.probes(prefix + (12_345 + i));
                hits += p;
                worst = Math.max(worst, p);
            }
            long misses = 0;
            for (int i = 0; i < 100_000; i++) {
                misses += list.probes(prefix + (12_345 + n + i));
            }
            // linear probing at a load of a half or less: ~1.5 slots per hit, ~2.5 per miss, when the hash spreads (measured
            // 1.45 / 2.32, worst 34-39, for the three shapes; the folded String hash: 9 / 22.6, worst 1,731)
            assertThat(hits / (double) n).as("slots per hit, ids %s...", prefix).isLessThan(2.0);
            assertThat(misses / 100_000.0).as("slots per miss, ids %s...", prefix).isLessThan(4.0);
            assertThat(worst).as("most slots for one hit, ids %s...", prefix).isLessThan(100);
        }
    }

    @Test
    void home_aRepeatedIdFindsItsFirstHome_asTheScanDid() {
        Home first = home("h1", "A.A.");
        KitRegistry registry = new KitRegistry(List.of(home("h0", null), first, home("h1", "B.B.")));

        assertThat(registry.home("h1")).containsSame(first);
    }

    @Test
    void home_idsWhoseHashesCollide_areTold_apart() {
        // "Aa" and "BB" have the same String.hashCode, as have their concatenations.
        KitRegistry registry = new KitRegistry(List.of(home("AaAa", "1"), home("BBBB", "2"), home("AaBB", "3"), home("BBAa", "4")));

        assertThat(registry.home("BBBB").orElseThrow().residentAlias()).isEqualTo("2");
        assertThat(registry.home("BBAa").orElseThrow().residentAlias()).isEqualTo("4");
        assertThat(registry.home("AaAa").orElseThrow().residentAlias()).isEqualTo("1");
        assertThat(registry.home("AaAb")).isEmpty();
    }

    @Test
    void homes_isStillAnUnmodifiableListEqualToItsHomes_soRegistriesCompareByValue() {
        List<Home> homes = new ArrayList<>(List.of(home("h1", null), home("h2", null)));
        KitRegistry registry = new KitRegistry(homes);
        homes.clear(); // the registry holds its own copy

        assertThat(registry.homes()).containsExactly(home("h1", null), home("h2", null));
        assertThat(registry.homes()).isEqualTo(List.of(home("h1", null), home("h2", null)));
        assertThat(registry).isEqualTo(new KitRegistry(Arrays.asList(home("h1", null), home("h2", null))));
        assertThat(registry.hashCode()).isEqualTo(new KitRegistry(List.of(home("h1", null), home("h2", null))).hashCode());
        assertThat(registry.home("h2")).isPresent(); // the index is not part of the value
        assertThat(registry).isEqualTo(new KitRegistry(List.of(home("h1", null), home("h2", null))));
        assertThatThrownBy(() -> registry.homes().add(home("h3", null))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new KitRegistry(Arrays.asList(home("h1", null), null))).isInstanceOf(NullPointerException.class);
        assertThat(new KitRegistry(null).homes()).isEmpty();
        assertThat(new KitRegistry(null).home("h1")).isEmpty();
    }
}
