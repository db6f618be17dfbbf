package org.hearth.models.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares equal values between a parsed registry's homes. A fleet's kits repeat themselves: the same sensor ids, kinds,
 * rooms and devices, the same zone, quiet hours and carers' settings, often a whole kit; parsed as they are written,
 * each home held its own copy of each (~33 strings a home, 2.3 KB of heap a home before this: a million homes' registry
 * held 2.2 GB, BENCHMARKS.md issue 18). The canonicalising table lives for one parse; values that are one home's own
 * (its id, its resident's id) are not put in it.
 *
 * <p>The registry is the same value: every home, sensor and carer equal to the one parsed, in the same order.
 */
final class SharedValues {

    private final Map<Object, Object> seen = new HashMap<>();

    private SharedValues() {}

    /** The registry with equal values shared between its homes. */
    static KitRegistry share(KitRegistry registry) {
        SharedValues shared = new SharedValues();
        List<Home> homes = new ArrayList<>(registry.homes().size());
        for (Home h : registry.homes()) {
            homes.add(shared.home(h));
        }
        return new KitRegistry(homes);
    }

    private Home home(Home h) {
        Resident resident = h.resident() == null ? null : new Resident(h.resident().id(), value(h.resident().alias()));
        return new Home(h.id(), value(h.timezone()), resident, hubs(h.hubs()), sensors(h.sensors()), carers(h.carers()),
                carer(h.installer()), value(h.cohort()), value(h.overrides()));
    }

    private List<Sensor> sensors(List<Sensor> sensors) {
        List<Sensor> known = known(sensors);
        if (known != null) {
            return known;
        }
        List<Sensor> own = new ArrayList<>(sensors.size());
        for (Sensor s : sensors) {
            Sensor k = known(s);
            own.add(k != null ? k : keep(new Sensor(value(s.id()), s.kind(), value(s.room()), s.role(), value(s.device()))));
        }
        return keep(List.copyOf(own));
    }

    private List<Carer> carers(List<Carer> carers) {
        List<Carer> known = known(carers);
        if (known != null) {
            return known;
        }
        List<Carer> own = new ArrayList<>(carers.size());
        for (Carer c : carers) {
            own.add(carer(c));
        }
        return keep(List.copyOf(own));
    }

    private Carer carer(Carer c) {
        if (c == null) {
            return null;
        }
        Carer known = known(c);
        return known != null ? known : keep(new Carer(c.name(), c.phone(), value(c.quietHours())));
    }

    private List<Hub> hubs(List<Hub> hubs) {
        if (hubs.isEmpty()) {
            return List.of();
        }
        List<Hub> own = new ArrayList<>(hubs.size());
        for (Hub hub : hubs) {
            own.add(value(hub));
        }
        return value(List.copyOf(own));
    }

    /** The equal value seen before, or this one, kept for the homes after it. */
    private <T> T value(T v) {
        if (v == null) {
            return null;
        }
        T known = known(v);
        return known != null ? known : keep(v);
    }

    @SuppressWarnings("unchecked")
    private <T> T known(T v) {
        return (T) seen.get(v);
    }

    private <T> T keep(T v) {
        seen.put(v, v);
        return v;
    }
}
