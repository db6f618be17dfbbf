package org.hearth.models.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.TreeSet;

/**
 * What the learned watch rules ({@link WatchRules}: stillness, night door, not home, night
 * activity, routes and trends) remember about one home between events: a few instants, flags and
 * small sorted sets, so that it serializes as plain JSON (Jackson, public fields) and stays a few
 * hundred bytes. It holds no baseline and no tracker: those are handed in live by
 * {@link LearnedRules}, which keeps this object as one field of {@link LearnedState}.
 */
public final class WatchState {

    /** The latest raw sign of life handed to the rules (the tracker applies it only after the allowed lateness). */
    public Instant lastRawSign;

    // ---- stillness ------------------------------------------------------------------------

    /** The stillness episode (named by its last sign of life) already judged: raised or found fine. */
    public Instant stillnessDecided;
    /** The episode for which learned stillness raised, if any (its clear comes from the safety rule). */
    public Instant stillnessRaisedFor;
    /** The latest instant at which monitoring was off (hub offline): stillness counts from here at the earliest. */
    public Instant unmonitoredUntil;
    /** The latest raw "out of bed" reading (homes with a bed sensor), the first movement read after it, and whether one was outside the bed's room. */
    public Instant bedExitRaw;
    public Instant bedExitFirstMove;
    public boolean bedExitLeftRoom;

    // ---- night door, not home -------------------------------------------------------------

    /** The latest raw front-door event (the tracker decides an outing from it some minutes later). */
    public Instant lastFrontDoorRaw;
    /** Out since (a {@code LeftHome} not yet followed by {@code ReturnedHome}), else null. */
    public Instant outSince;
    /**
     * The last outings (at most {@link NightRules#MAX_OUTINGS}, oldest first): the time band of the start, as the
     * band's first local minute ({@link org.hearth.models.day.TimeBand#firstMinute}: not-home's limits are per band,
     * and nothing reads the minute itself; states stored before version 10 hold the exact minute, read through its
     * band just the same), and the length in minutes. The day profile only has each care day's total, which splits an
     * outing across the noon boundary; not-home needs whole outings.
     */
    public java.util.ArrayList<Integer> outingStarts = new java.util.ArrayList<>();
    public java.util.ArrayList<Integer> outingMinutes = new java.util.ArrayList<>();
    /** The outing (named by {@code outSince}) for which not-home has been judged. */
    public Instant notHomeDecided;
    public boolean notHomeRaised;
    /** The care day whose night the door count below belongs to. */
    public LocalDate doorNight;
    /** Front-door openings inside the sleep window of {@link #doorNight}. */
    public int nightDoorOpenings;
    public boolean nightDoorRaised;
    /** When the front door opened that raised night-door (a later motion inside shows they stayed in). */
    public Instant nightDoorAt;

    // ---- night activity -------------------------------------------------------------------

    /** The care day whose night {@link #unusualSlots} belong to. */
    public LocalDate activityNight;
    /** Local half-hour slots (0-47) of that night with activity where the person is rarely active. */
    public TreeSet<Integer> unusualSlots = new TreeSet<>();
    public boolean nightActivityRaised;

    // ---- the resident's answers -----------------------------------------------------------

    /**
     * "I'm OK" answers to learned rules' pre-alerts within the baseline's window, oldest first
     * ({@link LearnedRules#residentOk}): no-kettle and night-activity read them as normal
     * observations. Empty for nearly every home (a few per month where residents answer).
     */
    public java.util.ArrayList<ResidentOk> residentOks = new java.util.ArrayList<>();

    // ---- day close ------------------------------------------------------------------------

    public boolean routesRaised;
    public boolean bathroomTrendRaised;
    public boolean kettleTrendRaised;
    public boolean sleepTrendRaised;
}
