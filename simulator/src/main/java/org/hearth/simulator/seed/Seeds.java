package org.hearth.simulator.seed;

import java.util.SplittableRandom;

/**
 * Independent, reproducible random streams per (seed, home, day, purpose), so that a home-day is
 * the same whatever order homes are generated in and however many homes there are.
 */
public final class Seeds {

    private Seeds() {}

    /** A random stream for the given coordinates. */
    public static SplittableRandom random(long seed, long... coordinates) {
        return new SplittableRandom(mix(seed, coordinates));
    }

    /** SplitMix64's finaliser folded over the coordinates. */
    public static long mix(long seed, long... coordinates) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (long c : coordinates) {
            h = finalise(h + c * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL);
        }
        return h;
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
