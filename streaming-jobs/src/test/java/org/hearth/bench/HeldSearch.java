package org.hearth.bench;

import java.util.OptionalLong;

/**
 * The homes-held search's stepping: double while a run holds, halve while none has held yet, then
 * bisect between the largest size that held and the smallest that did not, until the gap is within
 * a tenth of the held size (or the floor), the ceiling holds, or the runs run out. Every size it
 * reports was run; nothing is extrapolated.
 */
final class HeldSearch {

    private final long floor;
    private final long ceiling;
    private final int maxRuns;
    private long held;
    private long failed = Long.MAX_VALUE;
    private long next;
    private int runs;
    private boolean done;

    /**
     * @param start the first size to run
     * @param floor the smallest size worth running (and the narrowest gap the bisection resolves)
     * @param ceiling the goal: once a size at or above it holds, the search stops
     * @param maxRuns runs at most
     */
    HeldSearch(long start, long floor, long ceiling, int maxRuns) {
        if (floor < 1 || start < floor || ceiling < start || maxRuns < 1) {
            throw new IllegalArgumentException("need 1 <= floor <= start <= ceiling and maxRuns >= 1; got floor " + floor + ", start "
                    + start + ", ceiling " + ceiling + ", maxRuns " + maxRuns);
        }
        this.floor = floor;
        this.ceiling = ceiling;
        this.maxRuns = maxRuns;
        this.next = start;
    }

    /** The next size to run, or empty when the search is over. */
    OptionalLong next() {
        return done || runs >= maxRuns ? OptionalLong.empty() : OptionalLong.of(next);
    }

    /** Records the outcome of a run of {@code homes} homes. */
    void record(long homes, boolean holds) {
        runs++;
        if (holds) {
            held = Math.max(held, homes);
        } else {
            failed = Math.min(failed, homes);
        }
        if (held >= ceiling) {
            done = true;
        } else if (failed == Long.MAX_VALUE) {
            next = Math.min(ceiling, held * 2);
        } else if (held == 0) {
            next = failed / 2;
            done = next < floor;
        } else {
            done = failed - held <= Math.max(floor, held / 10);
            next = held + (failed - held) / 2;
        }
    }

    /** The largest size that held (0 if none did). */
    long held() {
        return held;
    }

    /** The smallest size that did not hold ({@link Long#MAX_VALUE} if every run held). */
    long failed() {
        return failed;
    }
}
