package org.hearth.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.hearth.ingest.testing.TestKit;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.RegistryLoader;
import org.junit.jupiter.api.Test;

class RoutingTablesTest {

    @Test
    void of_givesTheSameTableForTheSameRegistryInstance() {
        KitRegistry registry = new KitRegistry(TestKit.REGISTRY.homes());

        RoutingTable table = RoutingTables.of(registry);

        assertThat(RoutingTables.of(registry)).isSameAs(table);
        assertThat(table.topicFilters()).isEqualTo(TestKit.ROUTES.topicFilters());
        assertThat(table.nativeSensor("h1", "bed")).isPresent().isEqualTo(TestKit.ROUTES.nativeSensor("h1", "bed"));
    }

    @Test
    void of_buildsItsOwnTableForAnotherInstanceEvenWhenEqual() {
        KitRegistry one = new KitRegistry(TestKit.REGISTRY.homes());
        KitRegistry other = new KitRegistry(TestKit.REGISTRY.homes());

        assertThat(RoutingTables.of(other)).isNotSameAs(RoutingTables.of(one));
        assertThat(RoutingTables.of(other).topicFilters()).isEqualTo(RoutingTables.of(one).topicFilters());
    }

    @Test
    void of_buildsOnceWhenSubtasksAskTogether() throws Exception {
        KitRegistry registry = new KitRegistry(TestKit.REGISTRY.homes());
        int askers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(askers);
        try {
            List<Callable<RoutingTable>> asks = IntStream.range(0, askers).<Callable<RoutingTable>>mapToObj(i -> () -> {
                start.await();
                return RoutingTables.of(registry);
            }).toList();
            List<Future<RoutingTable>> answers = asks.stream().map(pool::submit).toList();
            start.countDown();
            RoutingTable first = answers.get(0).get();
            for (Future<RoutingTable> answer : answers) {
                assertThat(answer.get()).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void of_refusesARegistryIngestCannotRouteEachTime() {
        String twoHomes = TestKit.HOMES_YAML.replace("id: h1\n    timezone: Europe/London\n",
                "id: h1\n    timezone: Europe/London\n    hubs: [{format: zigbee2mqtt, base: zigbee2mqtt/h2/}]\n");
        KitRegistry refused = new RegistryLoader().parse("homes.yaml", twoHomes);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> RoutingTables.of(refused))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("zigbee2mqtt/h2");
        }
    }

    @Test
    void of_letsATableGoOnceItsRegistryIsGone() throws InterruptedException {
        KitRegistry replaced = new KitRegistry(TestKit.REGISTRY.homes());
        WeakReference<RoutingTable> oldTable = new WeakReference<>(RoutingTables.of(replaced));
        WeakReference<KitRegistry> oldRegistry = new WeakReference<>(replaced);
        replaced = null; // as after a kit apply: no function holds the old registry any more
        KitRegistry current = new KitRegistry(TestKit.REGISTRY.homes());

        for (int round = 0; round < 50 && oldTable.get() != null; round++) {
            System.gc();
            Thread.sleep(10);
            RoutingTables.of(current); // the next look-up drops the entries of collected registries
        }

        assertThat(oldRegistry.get()).isNull();
        assertThat(oldTable.get()).isNull();
        assertThat(RoutingTables.of(current)).isSameAs(RoutingTables.of(current));
    }
}
