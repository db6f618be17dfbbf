package org.hearth.installer.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.Sensor;

/**
 * The difference between two kit registries, for deciding what a run-time change resets. The
 * rule it serves: a resident's learned baseline is lost only when the resident changes (or the
 * home leaves); swapping a dead sensor for a new device, adding a PIR or renaming a room keeps
 * weeks of learning. {@code hearth kit apply} prints it; the detection job can compute it between
 * the registry it holds and the one a control message brings.
 *
 * @param homesAdded ids of new homes, in the new registry's order
 * @param homesRemoved ids of homes gone, in the old registry's order
 * @param homesChanged homes in both with some change, in the new registry's order
 */
public record RegistryDiff(List<String> homesAdded, List<String> homesRemoved, List<HomeChange> homesChanged) {

    public RegistryDiff {
        homesAdded = List.copyOf(homesAdded);
        homesRemoved = List.copyOf(homesRemoved);
        homesChanged = List.copyOf(homesChanged);
    }

    /** Compares two validated registries. {@code before} may be empty (the first apply). */
    public static RegistryDiff between(KitRegistry before, KitRegistry after) {
        List<String> added = new ArrayList<>();
        List<HomeChange> changed = new ArrayList<>();
        for (Home now : after.homes()) {
            Optional<Home> was = before.home(now.id());
            if (was.isEmpty()) {
                added.add(now.id());
            } else {
                HomeChange change = compare(was.get(), now);
                if (!change.isEmpty()) {
                    changed.add(change);
                }
            }
        }
        List<String> removed = before.homes().stream().map(Home::id).filter(id -> after.home(id).isEmpty()).toList();
        return new RegistryDiff(added, removed, changed);
    }

    private static HomeChange compare(Home was, Home now) {
        Map<String, Sensor> old = byId(was.sensors());
        Map<String, Sensor> cur = byId(now.sensors());
        List<String> sensorsAdded = cur.keySet().stream().filter(id -> !old.containsKey(id)).toList();
        List<String> sensorsRemoved = old.keySet().stream().filter(id -> !cur.containsKey(id)).toList();
        List<SensorChange> sensorsChanged = new ArrayList<>();
        cur.forEach((id, s) -> {
            Sensor o = old.get(id);
            if (o != null) {
                List<String> fields = new ArrayList<>();
                diff(fields, "kind", o.kind(), s.kind());
                diff(fields, "room", o.room(), s.room());
                diff(fields, "role", o.role(), s.role());
                diff(fields, "device", o.device(), s.device());
                if (!fields.isEmpty()) {
                    sensorsChanged.add(new SensorChange(o, s, fields));
                }
            }
        });
        List<String> settings = new ArrayList<>();
        diff(settings, "timezone", was.timezone(), now.timezone());
        diff(settings, "alias", was.residentAlias(), now.residentAlias());
        diff(settings, "hubs", was.hubs(), now.hubs());
        diff(settings, "carers", was.carers(), now.carers());
        diff(settings, "installer", was.installer(), now.installer());
        diff(settings, "cohort", was.cohort(), now.cohort());
        diff(settings, "overrides", was.overrides(), now.overrides());
        return new HomeChange(now.id(), sensorsAdded, sensorsRemoved, sensorsChanged, was.residentId(), now.residentId(), settings);
    }

    private static void diff(List<String> into, String field, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            into.add(field);
        }
    }

    private static Map<String, Sensor> byId(List<Sensor> sensors) {
        Map<String, Sensor> map = new LinkedHashMap<>();
        sensors.forEach(s -> map.put(s.id(), s));
        return map;
    }

    public boolean isEmpty() {
        return homesAdded.isEmpty() && homesRemoved.isEmpty() && homesChanged.isEmpty();
    }

    /** One line per change, for the installer; "no change" when there is none. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        homesAdded.forEach(h -> lines.add("home " + h + " added: learning starts"));
        homesRemoved.forEach(h -> lines.add("home " + h + " removed: its state is dropped"));
        homesChanged.forEach(c -> lines.addAll(c.lines()));
        if (lines.isEmpty()) {
            lines.add("no change");
        }
        return lines;
    }
}
