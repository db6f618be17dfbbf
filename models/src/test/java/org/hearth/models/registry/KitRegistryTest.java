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
