package org.hearth.simulator.emit;

import java.util.Arrays;

/** What a home's sensors remember from one day to the next (PIR blind time, bed occupancy). */
public final class EmitterState {

    final long[] lastOn;
    final boolean[] occupied;
    boolean bedOccupied;

    /**
     * @param sensors the number of sensors in the home
     * @param bedOccupied whether the bed reads occupied before the first plan (false makes the
     *     first plan report the bed's state)
     */
    public EmitterState(int sensors, boolean bedOccupied) {
        lastOn = new long[sensors];
        Arrays.fill(lastOn, Long.MIN_VALUE / 4);
        occupied = new boolean[sensors];
        this.bedOccupied = bedOccupied;
    }
}
