package org.hearth.simulator;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hearth.simulator.anomaly.AnomalySchedule;
import org.hearth.simulator.anomaly.DayConditions;
import org.hearth.simulator.anomaly.Label;
import org.hearth.simulator.emit.DeliveryFaults;
import org.hearth.simulator.emit.EmitterState;
import org.hearth.simulator.emit.EventBuffer;
import org.hearth.simulator.emit.FaultTally;
import org.hearth.simulator.emit.SensorEmitter;
import org.hearth.simulator.home.SimHome;
import org.hearth.simulator.resident.DayPlan;
import org.hearth.simulator.resident.DayPlanner;
import org.hearth.simulator.seed.Seeds;

/**
 * One home's readings in delivery order, generated a day at a time. A day runs from one rise to the
 * next; readings delivered after the day's end (late, duplicated, a PIR clearing) are carried into
 * the next day, so the stream stays ordered while only one home-day is held in memory.
 */
final class HomeStream {

    private final SimHome home;
    private final Generation generation;
    private final AnomalySchedule schedule;
    private final EmitterState state;
    private final long skewMs;
    private final ZoneId zone;
    private final List<Label> labels = new ArrayList<>();
    private final FaultTally tally = new FaultTally();

    private int day = -1;
    private long rise;
    private EventBuffer ready = new EventBuffer(0);
    private int position;
    private EventBuffer carry = new EventBuffer(16);
    private boolean finished;

    /**
     * What all homes share: the planner, emitter and faults, and the run's coordinates.
     *
     * @param endMs the run's end, one instant for every home: readings taken at or after it are not
     *     part of the run (see {@link #recordedPart})
     */
    record Generation(long seed, LocalDate start, int days, DayPlanner planner, SensorEmitter emitter,
                      DeliveryFaults faults, org.hearth.simulator.anomaly.AnomalyRates rates, long endMs) {}

    HomeStream(SimHome home, Generation generation) {
        this.home = home;
        this.generation = generation;
        this.zone = home.registry().zone();
        this.schedule = AnomalySchedule.draw(home.id(), generation.start(), generation.days(), zone, home.sensors().size(),
                home.hub(), generation.rates(), Seeds.random(generation.seed(), home.index(), 0x5343L));
        this.state = new EmitterState(home.sensors().size(), false);
        this.skewMs = generation.faults().skewMs(Seeds.random(generation.seed(), home.index(), 0x534BL));
        labels.addAll(schedule.labels());
    }

    SimHome home() {
        return home;
    }

    /** True when another reading is available (generating days as needed). */
    boolean advance() {
        while (position >= ready.size() && !finished) {
            nextDay();
        }
        return position < ready.size();
    }

    EventBuffer buffer() {
        return ready;
    }

    int position() {
        return position;
    }

    long peekArrival() {
        return ready.arrival(position);
    }

    void skip() {
        position++;
    }

    List<Label> labels() {
        return labels;
    }

    FaultTally tally() {
        return tally;
    }

    private void nextDay() {
        DayPlan plan;
        if (day == -1) {
            long midnight = generation.start().atStartOfDay(zone).toInstant().toEpochMilli();
            rise = plannedRise(0);
            plan = DayPlanner.firstNight(midnight, rise);
        } else if (day < generation.days()) {
            LocalDate date = generation.start().plusDays(day);
            long nextRise = plannedRise(day + 1);
            plan = generation.planner().plan(home.id(), home.routine(), home.hasDining(), date, zone, rise, nextRise,
                    schedule.conditions(day), Seeds.random(generation.seed(), home.index(), day, 1));
            labels.addAll(plan.labels());
            rise = plan.end();
        } else {
            ready = carry;
            position = 0;
            carry = new EventBuffer(0);
            finished = true;
            return;
        }
        int dayKey = day + 1;
        EventBuffer raw = new EventBuffer(1024);
        generation.emitter().emit(home, plan, state, Seeds.random(generation.seed(), home.index(), dayKey, 2), raw);
        raw = recordedPart(raw, generation.endMs());
        EventBuffer delivered = new EventBuffer(raw.size() + carry.size() + 16);
        generation.faults().deliver(raw, schedule.offline(), skewMs, Seeds.random(generation.seed(), home.index(), dayKey, 3),
                delivered, tally);
        for (int i = 0; i < carry.size(); i++) {
            delivered.addFrom(carry, i);
        }
        delivered.sortByArrival();
        EventBuffer now = new EventBuffer(delivered.size());
        EventBuffer later = new EventBuffer(16);
        for (int i = 0; i < delivered.size(); i++) {
            (delivered.arrival(i) < plan.end() ? now : later).addFrom(delivered, i);
        }
        ready = now;
        carry = later;
        position = 0;
        day++;
    }

    /**
     * The readings taken before the run's end. A home's last day runs to its next rise, after the
     * run's end and at a different instant in every home; cut there instead, a replay's watermark
     * would go on past one home's last reading while another home still reports, and that home's
     * silence would look like a hub going offline. So every home's recording stops at the same
     * instant of true (sensor) time; a reading taken before it but delivered late is still recorded.
     */
    static EventBuffer recordedPart(EventBuffer raw, long endMs) {
        boolean beyond = false;
        for (int i = 0; i < raw.size() && !beyond; i++) {
            beyond = raw.ts(i) >= endMs;
        }
        if (!beyond) {
            return raw;
        }
        EventBuffer kept = new EventBuffer(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            if (raw.ts(i) < endMs) {
                kept.addFrom(raw, i);
            }
        }
        return kept;
    }

    private long plannedRise(int d) {
        LocalDate date = generation.start().plusDays(d);
        DayConditions conditions = schedule.conditions(Math.min(d, generation.days() - 1));
        double minute = generation.planner().riseMinute(home.routine(), date, conditions,
                Seeds.random(generation.seed(), home.index(), d, 0));
        return DayPlanner.at(date, zone, minute);
    }
}
