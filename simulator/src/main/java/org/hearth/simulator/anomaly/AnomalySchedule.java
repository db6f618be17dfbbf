package org.hearth.simulator.anomaly;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Which anomalies one home gets over the whole run, decided up front: the acute anomaly of each
 * day (if any), the trends in progress, and the spans in which a sensor or the hub is silent.
 * Behavioural acute anomalies are labelled by the day planner when it lays them out (their times
 * depend on the day); kit failures and trends are labelled here.
 */
public final class AnomalySchedule {

    private static final long HOUR = 3_600_000;

    private final AnomalyType[] acute;
    private final int illnessStart;
    private final int illnessDays;
    private final int declineStart;
    private final int declineDays;
    private final List<OfflineWindow> offline;
    private final List<Label> labels;

    private AnomalySchedule(AnomalyType[] acute, int illnessStart, int illnessDays, int declineStart, int declineDays,
                            List<OfflineWindow> offline, List<Label> labels) {
        this.acute = acute;
        this.illnessStart = illnessStart;
        this.illnessDays = illnessDays;
        this.declineStart = declineStart;
        this.declineDays = declineDays;
        this.offline = List.copyOf(offline);
        this.labels = List.copyOf(labels);
    }

    /**
     * Draws a home's schedule.
     *
     * @param sensors the home's sensor count; {@code hubSensor} is never chosen as the offline sensor
     *     (the hub failing is {@link AnomalyType#HUB_OFFLINE})
     */
    public static AnomalySchedule draw(String homeId, LocalDate start, int days, ZoneId zone, int sensors, int hubSensor,
                                       AnomalyRates rates, RandomGenerator random) {
        AnomalyType[] acute = new AnomalyType[days];
        List<OfflineWindow> offline = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        long end = start.plusDays(days).atStartOfDay(zone).toInstant().toEpochMilli();
        for (int d = rates.warmupDays(); d < days; d++) {
            double u = random.nextDouble();
            double[] weights = {rates.fall(), rates.notUp(), rates.noKettle(), rates.nightWandering(), rates.notHome()};
            AnomalyType[] types = {AnomalyType.FALL, AnomalyType.NOT_UP, AnomalyType.NO_KETTLE, AnomalyType.NIGHT_WANDERING, AnomalyType.NOT_HOME};
            for (int i = 0; i < weights.length; i++) {
                if (u < weights[i]) {
                    acute[d] = types[i];
                    break;
                }
                u -= weights[i];
            }
            long midnight = start.plusDays(d).atStartOfDay(zone).toInstant().toEpochMilli();
            if (random.nextDouble() < rates.sensorOffline()) {
                int sensor = random.nextInt(sensors - 1);
                if (sensor >= hubSensor) {
                    sensor++;
                }
                long from = midnight + random.nextLong(24 * HOUR);
                long to = Math.min(end, from + 2 * HOUR + random.nextLong(28 * HOUR));
                offline.add(new OfflineWindow(sensor, from, to));
                labels.add(new Label(homeId, AnomalyType.SENSOR_OFFLINE, java.time.Instant.ofEpochMilli(from), java.time.Instant.ofEpochMilli(to)));
            }
            if (random.nextDouble() < rates.hubOffline()) {
                long from = midnight + random.nextLong(24 * HOUR);
                long to = Math.min(end, from + HOUR / 2 + random.nextLong(23 * HOUR / 2));
                offline.add(new OfflineWindow(OfflineWindow.HUB, from, to));
                labels.add(new Label(homeId, AnomalyType.HUB_OFFLINE, java.time.Instant.ofEpochMilli(from), java.time.Instant.ofEpochMilli(to)));
            }
        }
        // Trends start once a baseline could exist (DESIGN.md: ready after 7 days).
        int earliest = Math.max(rates.warmupDays(), 7);
        int[] illness = trend(rates.illnessPer30Days(), 5, 10, earliest, days, random);
        int[] decline = trend(rates.declinePer30Days(), 10, 30, earliest, days, random);
        if (illness[1] > 0) {
            labels.add(trendLabel(homeId, AnomalyType.ILLNESS_TREND, start, illness, days, zone));
        }
        if (decline[1] > 0) {
            labels.add(trendLabel(homeId, AnomalyType.SLOW_DECLINE, start, decline, days, zone));
        }
        return new AnomalySchedule(acute, illness[0], illness[1], decline[0], decline[1], offline, labels);
    }

    /** {start day, length} or {0, 0}. */
    private static int[] trend(double per30Days, int minDays, int maxDays, int earliest, int days, RandomGenerator random) {
        double chance = Math.min(1, per30Days * days / 30.0);
        if (days - earliest < minDays || random.nextDouble() >= chance) {
            return new int[] {0, 0};
        }
        int length = minDays + random.nextInt(maxDays - minDays + 1);
        int first = earliest + random.nextInt(Math.max(1, days - earliest - minDays + 1));
        return new int[] {first, Math.min(length, days - first)};
    }

    private static Label trendLabel(String homeId, AnomalyType type, LocalDate start, int[] trend, int days, ZoneId zone) {
        return new Label(homeId, type, start.plusDays(trend[0]).atStartOfDay(zone).toInstant(),
                start.plusDays(trend[0] + trend[1]).atStartOfDay(zone).toInstant());
    }

    /** What is unusual about day {@code d} (0-based). */
    public DayConditions conditions(int d) {
        double illness = progress(d, illnessStart, illnessDays, false);
        double decline = progress(d, declineStart, declineDays, true);
        return new DayConditions(
                d < acute.length ? acute[d] : null,
                1 + 1.5 * illness,
                2.5 * illness,
                60 * illness,
                1 + 2 * illness,
                1 - 0.6 * decline,
                45 * decline);
    }

    /** 0 before, rising to 1 over the span; after it 0 (illness passes) or 1 (a decline stays). */
    private static double progress(int d, int first, int length, boolean stays) {
        if (length == 0 || d < first) {
            return 0;
        }
        if (d >= first + length) {
            return stays ? 1 : 0;
        }
        return (d - first + 1) / (double) length;
    }

    public List<OfflineWindow> offline() {
        return offline;
    }

    /** Labels of kit failures and trends (behavioural acute labels come from the day planner). */
    public List<Label> labels() {
        return labels;
    }
}
