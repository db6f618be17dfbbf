package org.hearth.simulator.resident;

import java.time.DayOfWeek;
import java.util.Set;

/**
 * One resident's personal habits: the distributions each simulated day is drawn from. Times are
 * local minutes after midnight; rates are per day unless named otherwise.
 *
 * @param riseMinute usual rise time on weekdays
 * @param riseSdMinutes day-to-day spread of the rise time
 * @param weekendShiftMinutes how much later they rise at weekends
 * @param bedMinute usual bedtime (may exceed 1440 for after midnight)
 * @param bedSdMinutes day-to-day spread of bedtime
 * @param boilsPerDay mean kettle boils on a day with boils (3-10)
 * @param boilCv day-to-day coefficient of variation of boils (from the UK data)
 * @param firstBoilDelayMinutes mean of the exponential part of the delay from getting up to the
 *     first boil (the delay is 3 minutes plus an exponential, so its spread equals this mean)
 * @param kettleWatts the kettle's element power
 * @param bathroomPerDay daytime bathroom visits, including the morning wash
 * @param nightTrips mean bathroom trips per night
 * @param napProbability chance of an afternoon nap on a given day
 * @param napInBed whether naps are taken in bed (else in the chair)
 * @param shoppingProbability chance of a shopping trip on a day without day centre (not Sundays)
 * @param dayCentreDays weekdays on which they go to a day centre
 * @param visitorProbability chance of a daytime visitor on a given day
 * @param morningCarer whether a paid carer calls every morning
 * @param pendantOnFall chance that they press the help button when they fall
 */
public record Routine(
        double riseMinute,
        double riseSdMinutes,
        double weekendShiftMinutes,
        double bedMinute,
        double bedSdMinutes,
        double boilsPerDay,
        double boilCv,
        double firstBoilDelayMinutes,
        double kettleWatts,
        double bathroomPerDay,
        double nightTrips,
        double napProbability,
        boolean napInBed,
        double shoppingProbability,
        Set<DayOfWeek> dayCentreDays,
        double visitorProbability,
        boolean morningCarer,
        double pendantOnFall) {

    public Routine {
        dayCentreDays = Set.copyOf(dayCentreDays);
    }
}
