package org.hearth.simulator.emit;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.hearth.models.event.SensorKind;
import org.hearth.simulator.home.SimHome;
import org.hearth.simulator.home.SimSensor;
import org.hearth.simulator.resident.Boil;
import org.hearth.simulator.resident.DayPlan;
import org.hearth.simulator.resident.DoorSwing;
import org.hearth.simulator.resident.Level;
import org.hearth.simulator.resident.Place;
import org.hearth.simulator.resident.Stay;
import org.hearth.simulator.resident.Visit;

/**
 * Turns a {@link DayPlan} into what the sensors would report (true time; radio faults come later in
 * {@link DeliveryFaults}):
 * <ul>
 *   <li>PIR: a person moves every 3-12 s when active, every ~3 min (exponential) when sitting,
 *       rarely when asleep, never when motionless. The sensor reports motion (1) at the first
 *       movement, then is blind for 30-60 s (per device); after that a movement re-triggers it, and
 *       if nothing moved for a further 20-40 s it reports no motion (0).</li>
 *   <li>Bed: occupied/empty at each transition, sometimes bouncing (1,0,1 within seconds), and
 *       brief empty blips while asleep.</li>
 *   <li>Kettle plug: watts every 10 s while boiling (or only on change), then 0 W.</li>
 *   <li>Front door: 1 when opened, 0 when closed. Help button: 1 when pressed.</li>
 *   <li>Heartbeats: the hub every 5 min, each device hourly (kind heartbeat).</li>
 * </ul>
 */
public final class SensorEmitter {

    private static final long SECOND = 1000;
    private static final long HOUR = 3_600_000;
    private static final double SEDENTARY_MOVE_MS = 180_000;
    private static final double ASLEEP_MOVE_MS = 2 * HOUR;

    private final EmissionConfig config;

    public SensorEmitter(EmissionConfig config) {
        this.config = config;
    }

    /** Appends the readings of {@code plan} to {@code out} with arrival = timestamp = true time. */
    public void emit(SimHome home, DayPlan plan, EmitterState state, RandomGenerator random, EventBuffer out) {
        motion(home, plan, state, random, out);
        bed(home, plan, state, random, out);
        for (Boil boil : plan.boils()) {
            kettle(home.kettle(), boil, random, out);
        }
        for (DoorSwing door : plan.doors()) {
            put(out, door.open(), home.frontDoor(), SensorKind.CONTACT, 1);
            put(out, door.close(), home.frontDoor(), SensorKind.CONTACT, 0);
        }
        for (long press : plan.buttonPresses()) {
            put(out, press, home.helpButton(), SensorKind.BUTTON, 1);
        }
        heartbeats(home, plan, random, out);
    }

    private void motion(SimHome home, DayPlan plan, EmitterState state, RandomGenerator random, EventBuffer out) {
        long[][] moments = new long[home.sensors().size()][];
        int[] counts = new int[home.sensors().size()];
        addMoments(home, plan.stays(), plan.restlessFactor(), random, moments, counts);
        for (Visit visit : plan.visits()) {
            addMoments(home, visit.stays(), 1, random, moments, counts);
        }
        for (int s = 0; s < moments.length; s++) {
            if (home.sensors().get(s).kind() != SensorKind.MOTION) {
                continue;
            }
            long[] m = moments[s] == null ? new long[0] : Arrays.copyOf(moments[s], counts[s]);
            Arrays.sort(m);
            detect(home.sensors().get(s), s, m, plan.end(), state, out);
        }
    }

    /** The PIR's own logic: report, stay blind, re-trigger or clear. */
    private static void detect(SimSensor pir, int s, long[] moments, long planEnd, EmitterState state, EventBuffer out) {
        long lastOn = state.lastOn[s];
        boolean occupied = state.occupied[s];
        long quiet = pir.blindMs() + pir.clearMs();
        for (long m : moments) {
            if (occupied && m >= lastOn + quiet) {
                put(out, lastOn + quiet, s, SensorKind.MOTION, 0);
                occupied = false;
            }
            if (m >= lastOn + pir.blindMs()) {
                put(out, m, s, SensorKind.MOTION, 1);
                lastOn = m;
                occupied = true;
            }
        }
        if (occupied && lastOn + quiet < planEnd) {
            put(out, lastOn + quiet, s, SensorKind.MOTION, 0);
            occupied = false;
        }
        state.lastOn[s] = lastOn;
        state.occupied[s] = occupied;
    }

    private static void addMoments(SimHome home, List<Stay> stays, double restless, RandomGenerator random,
                                   long[][] moments, int[] counts) {
        for (Stay stay : stays) {
            if (stay.place() == Place.OUT || stay.level() == Level.MOTIONLESS || !home.hasRoom(stay.place())) {
                continue;
            }
            int s = home.motionByRoom().get(stay.place().room());
            switch (stay.level()) {
                case ACTIVE -> {
                    for (long t = stay.start() + (long) (random.nextDouble() * 2 * SECOND); t < stay.end();
                         t += 3 * SECOND + (long) (random.nextDouble() * 9 * SECOND)) {
                        append(moments, counts, s, t);
                    }
                }
                case SEDENTARY -> {
                    append(moments, counts, s, stay.start());
                    for (long t = stay.start() + exp(random, SEDENTARY_MOVE_MS); t < stay.end(); t += exp(random, SEDENTARY_MOVE_MS)) {
                        append(moments, counts, s, t);
                    }
                }
                case ASLEEP -> {
                    double mean = ASLEEP_MOVE_MS / Math.max(0.1, restless);
                    for (long t = stay.start() + exp(random, mean); t < stay.end(); t += exp(random, mean)) {
                        append(moments, counts, s, t);
                    }
                }
                default -> { }
            }
        }
    }

    private void bed(SimHome home, DayPlan plan, EmitterState state, RandomGenerator random, EventBuffer out) {
        int bed = home.bed();
        for (Stay stay : plan.stays()) {
            boolean inBed = stay.place() == Place.BED;
            if (inBed != state.bedOccupied) {
                transition(out, bed, stay.start(), inBed, random);
                state.bedOccupied = inBed;
            }
            if (inBed && stay.level() == Level.ASLEEP && config.bedBlipsPerNight() > 0) {
                double mean = 8 * HOUR / (config.bedBlipsPerNight() * plan.restlessFactor());
                for (long t = stay.start() + exp(random, mean); t < stay.end() - 10 * SECOND; t += exp(random, mean)) {
                    put(out, t, bed, SensorKind.BED, 0);
                    put(out, t + 2 * SECOND + (long) (random.nextDouble() * 4 * SECOND), bed, SensorKind.BED, 1);
                }
            }
        }
    }

    private void transition(EventBuffer out, int bed, long t, boolean occupied, RandomGenerator random) {
        put(out, t, bed, SensorKind.BED, occupied ? 1 : 0);
        if (random.nextDouble() < config.bedBounceProbability()) {
            long back = t + SECOND + (long) (random.nextDouble() * 2 * SECOND);
            put(out, back, bed, SensorKind.BED, occupied ? 0 : 1);
            put(out, back + SECOND + (long) (random.nextDouble() * 3 * SECOND), bed, SensorKind.BED, occupied ? 1 : 0);
        }
    }

    private void kettle(int plug, Boil boil, RandomGenerator random, EventBuffer out) {
        if (config.plugMode() == PlugMode.ON_CHANGE) {
            put(out, boil.start(), plug, SensorKind.POWER, watts(boil.watts(), random));
        } else {
            for (long t = boil.start(); t < boil.end(); t += config.plugSampleSeconds() * SECOND) {
                put(out, t, plug, SensorKind.POWER, watts(boil.watts(), random));
            }
        }
        put(out, boil.end(), plug, SensorKind.POWER, 0);
    }

    private static double watts(double watts, RandomGenerator random) {
        return Math.round(watts * (1 + 0.01 * random.nextGaussian()) * 10) / 10.0;
    }

    private void heartbeats(SimHome home, DayPlan plan, RandomGenerator random, EventBuffer out) {
        long hubPeriod = config.hubHeartbeatSeconds() * SECOND;
        grid(out, home.hub(), hubPeriod, Math.floorMod(home.id().hashCode() * 7919L, hubPeriod), plan, random);
        long period = config.sensorHeartbeatMinutes() * 60 * SECOND;
        for (int s = 0; s < home.sensors().size(); s++) {
            if (s != home.hub()) {
                grid(out, s, period, Math.floorMod((home.id().hashCode() * 31L + s) * 104_729L, period), plan, random);
            }
        }
    }

    /** Readings at phase + k * period inside the plan, so heartbeats run on across days. */
    private static void grid(EventBuffer out, int sensor, long period, long phase, DayPlan plan, RandomGenerator random) {
        long first = plan.start() - Math.floorMod(plan.start() - phase, period);
        if (first < plan.start()) {
            first += period;
        }
        for (long t = first; t < plan.end(); t += period) {
            put(out, t + (long) (random.nextDouble() * 500), sensor, SensorKind.HEARTBEAT, 1);
        }
    }

    private static void put(EventBuffer out, long t, int sensor, SensorKind kind, double value) {
        out.add(t, t, sensor, kind.ordinal(), value);
    }

    private static void append(long[][] moments, int[] counts, int s, long t) {
        if (moments[s] == null) {
            moments[s] = new long[64];
        } else if (counts[s] == moments[s].length) {
            moments[s] = Arrays.copyOf(moments[s], counts[s] * 2);
        }
        moments[s][counts[s]++] = t;
    }

    private static long exp(RandomGenerator random, double mean) {
        return 1 + (long) (-Math.log(1 - random.nextDouble()) * mean);
    }
}
