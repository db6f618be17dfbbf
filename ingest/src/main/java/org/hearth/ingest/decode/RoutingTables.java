package org.hearth.ingest.decode;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.hearth.models.registry.KitRegistry;

/**
 * One {@link RoutingTable} per parsed registry per JVM: the decoder's subtasks, {@code ConfigState}'s check of a
 * registry change (in every function that follows the control topic) and the topic filters all get the table already
 * built for the same {@link KitRegistry} instance.
 *
 * <p>Why: the table is ~1.3 KB per home (BENCHMARKS.md, the registry's heap) and took seconds to build at a million
 * homes, and it was built again by each of them. Keyed by the instance, not by equality: a registry's {@code equals}
 * walks every home, and the registry parsed from the same text is already one instance per JVM
 * ({@code RegistryLoader}, {@code RegistryTexts}). The key is held weakly, so a registry replaced by {@code kit apply}
 * and its table are let go once nothing else holds the registry. Sharing is safe: a table is never changed after it is
 * built (final arrays and maps, read only).
 */
public final class RoutingTables {

    private static final List<Entry> TABLES = new ArrayList<>();

    private RoutingTables() {}

    private record Entry(WeakReference<KitRegistry> registry, RoutingTable table) {}

    /**
     * The table for {@code registry}: the one built for this instance before, else built now (once, even when
     * several subtasks ask at the same time).
     *
     * @throws IllegalArgumentException as {@link RoutingTable#of}, each time it is asked (a refused registry is not kept)
     */
    public static RoutingTable of(KitRegistry registry) {
        synchronized (TABLES) {
            TABLES.removeIf(e -> e.registry().get() == null);
            for (Entry e : TABLES) {
                if (e.registry().get() == registry) {
                    return e.table();
                }
            }
            RoutingTable table = RoutingTable.of(registry);
            TABLES.add(new Entry(new WeakReference<>(registry), table));
            return table;
        }
    }
}
