package org.hearth.simulator.resident;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.hearth.simulator.calibration.KettleParameters;

/**
 * Draws a resident's {@link Routine} from population distributions. Kettle habits follow the UK
 * data ({@link KettleParameters}); the rest are assumptions for older people living alone, stated
 * in the simulator's README so they can be argued with.
 */
public final class RoutineSampler {

    private final KettleParameters kettle;

    public RoutineSampler(KettleParameters kettle) {
        this.kettle = kettle;
    }

    public Routine sample(RandomGenerator random) {
        double riseSd = uniform(random, 12, 35);
        // The UK data's first boil spreads by ~47 min day to day; rise spread plus an exponential
        // delay (sd = mean) of the right size gives the same total spread.
        double target = kettle.firstBoilWithinHouseSdMinutes();
        double delayMean = clamp(Math.sqrt(Math.max(100, target * target - riseSd * riseSd)), 10, 45);
        double boils = clamp(Math.exp(Math.log(kettle.meanBoilsPerDay()) + 0.3 * random.nextGaussian()), 3, 10);
        Set<DayOfWeek> centre = EnumSet.noneOf(DayOfWeek.class);
        double c = random.nextDouble();
        int centreDays = c < 0.5 ? 0 : c < 0.8 ? 1 : 2;
        while (centre.size() < centreDays) {
            centre.add(DayOfWeek.of(1 + random.nextInt(5)));
        }
        boolean pendant = random.nextDouble() < 0.5;
        return new Routine(
                clamp(450 + 40 * random.nextGaussian(), 345, 585),
                riseSd,
                Math.max(0, kettle.weekendFirstBoilShiftMinutes() + 10 * random.nextGaussian()),
                clamp(1335 + 40 * random.nextGaussian(), 1230, 1440),
                uniform(random, 15, 35),
                boils,
                kettle.withinHouseCv() * uniform(random, 0.8, 1.2),
                delayMean,
                triangular(random, kettle.wattsP10(), kettle.wattsMedian(), kettle.wattsP90()),
                uniform(random, 4, 7),
                uniform(random, 0.3, 1.5),
                uniform(random, 0.05, 0.6),
                random.nextDouble() < 0.4,
                uniform(random, 0.1, 0.35),
                centre,
                uniform(random, 0.1, 0.5),
                random.nextDouble() < 0.3,
                pendant ? uniform(random, 0.3, 0.7) : 0);
    }

    static double uniform(RandomGenerator random, double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    static double triangular(RandomGenerator random, double lo, double mode, double hi) {
        double u = random.nextDouble();
        double f = (mode - lo) / (hi - lo);
        return u < f ? lo + Math.sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
    }
}
