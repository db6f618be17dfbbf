package org.hearth.simulator.resident;

import java.util.List;

/**
 * A visitor (family, paid carer, friend) in the home. The first and last stays are in the hall: the
 * front door opens as they arrive and as they leave.
 */
public record Visit(List<Stay> stays) {

    public Visit {
        stays = List.copyOf(stays);
    }

    public long start() {
        return stays.get(0).start();
    }

    public long end() {
        return stays.get(stays.size() - 1).end();
    }
}
