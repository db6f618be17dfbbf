package org.hearth.models.day;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One care day of one resident, summarised: what the baseline learns from and what day-level
 * rules compare. Times of day are local wall-clock minutes (0-1439, so 07:30 is 450), unaffected by
 * daylight saving; {@link #UNKNOWN} (-1) when the day did not show it (no bed sensor, still in bed
 * at the boundary, no kettle).
 *
 * @param date the care day (its start date)
 * @param lengthMinutes the care day's length: 1440, or 1380 / 1500 across a clock change
 * @param riseMinute when the main sleep ended
 * @param bedtimeMinute when the main sleep began
 * @param timeInBedMinutes all time in bed during the care day
 * @param nightBedExits times out of bed inside the main sleep
 * @param firstKettleMinute the first boil after rising
 * @param kettleBoils boils in the care day
 * @param bathroomDay bathroom visits begun outside the night window
 * @param bathroomNight bathroom visits begun inside the night window
 * @param longestBathroomSeconds the longest bathroom visit, 0 if none
 * @param totalBathroomSeconds all bathroom visits together
 * @param outOfHomeMinutes time out of home within the care day
 * @param nightDoorOpenings door openings inside the night window
 * @param activeSlots bit i set when anything happened in local half-hour slot i (0 = 00:00-00:30)
 * @param stillness longest stillness in seconds per room and time band (the band of its start)
 * @param transitions room-to-room moves and how often each happened
 * @param silences every stillness of at least {@link #SILENCE_MINUTES} minutes (at home, out of bed),
 *     in whole minutes, by the room and time band of its start: what the inactivity model learns
 *     (a day's longest alone says nothing about how often a long silence comes)
 * @param contactSilences per contact sensor, the long silences of the whole home it opened in the day
 *     (outside the night) and how many it also ended: what exit doors are learned from (state format 5;
 *     older state reads with none)
 */
public record DayProfile(
        LocalDate date,
        int lengthMinutes,
        int riseMinute,
        int bedtimeMinute,
        int timeInBedMinutes,
        int nightBedExits,
        int firstKettleMinute,
        int kettleBoils,
        int bathroomDay,
        int bathroomNight,
        int longestBathroomSeconds,
        int totalBathroomSeconds,
        int outOfHomeMinutes,
        int nightDoorOpenings,
        long activeSlots,
        Map<RoomBand, Integer> stillness,
        Map<Transition, Integer> transitions,
        Map<RoomBand, List<Integer>> silences,
        Map<String, ContactSilences> contactSilences) {

    public static final int UNKNOWN = -1;
    public static final int SLOTS = 48;
    /** Silences shorter than this are not kept one by one (they tell nothing about a fall). */
    public static final int SILENCE_MINUTES = 10;

    public DayProfile {
        stillness = Collections.unmodifiableMap(new TreeMap<>(stillness));
        transitions = Collections.unmodifiableMap(new TreeMap<>(transitions));
        TreeMap<RoomBand, List<Integer>> copy = new TreeMap<>();
        silences.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        silences = Collections.unmodifiableMap(copy);
        contactSilences = Collections.unmodifiableMap(new TreeMap<>(contactSilences));
    }

    /** A profile without contact silences (state written before they were kept, tests). */
    public DayProfile(LocalDate date, int lengthMinutes, int riseMinute, int bedtimeMinute, int timeInBedMinutes,
            int nightBedExits, int firstKettleMinute, int kettleBoils, int bathroomDay, int bathroomNight,
            int longestBathroomSeconds, int totalBathroomSeconds, int outOfHomeMinutes, int nightDoorOpenings,
            long activeSlots, Map<RoomBand, Integer> stillness, Map<Transition, Integer> transitions,
            Map<RoomBand, List<Integer>> silences) {
        this(date, lengthMinutes, riseMinute, bedtimeMinute, timeInBedMinutes, nightBedExits, firstKettleMinute,
                kettleBoils, bathroomDay, bathroomNight, longestBathroomSeconds, totalBathroomSeconds,
                outOfHomeMinutes, nightDoorOpenings, activeSlots, stillness, transitions, silences, Map.of());
    }

    /** A profile without individual silences (state written before they were kept, tests). */
    public DayProfile(LocalDate date, int lengthMinutes, int riseMinute, int bedtimeMinute, int timeInBedMinutes,
            int nightBedExits, int firstKettleMinute, int kettleBoils, int bathroomDay, int bathroomNight,
            int longestBathroomSeconds, int totalBathroomSeconds, int outOfHomeMinutes, int nightDoorOpenings,
            long activeSlots, Map<RoomBand, Integer> stillness, Map<Transition, Integer> transitions) {
        this(date, lengthMinutes, riseMinute, bedtimeMinute, timeInBedMinutes, nightBedExits, firstKettleMinute,
                kettleBoils, bathroomDay, bathroomNight, longestBathroomSeconds, totalBathroomSeconds,
                outOfHomeMinutes, nightDoorOpenings, activeSlots, stillness, transitions, Map.of(), Map.of());
    }

    public CareDay careDay() {
        return new CareDay(date);
    }

    public OptionalInt rise() {
        return riseMinute < 0 ? OptionalInt.empty() : OptionalInt.of(riseMinute);
    }

    public OptionalInt bedtime() {
        return bedtimeMinute < 0 ? OptionalInt.empty() : OptionalInt.of(bedtimeMinute);
    }

    public OptionalInt firstKettle() {
        return firstKettleMinute < 0 ? OptionalInt.empty() : OptionalInt.of(firstKettleMinute);
    }

    /** Whether anything happened in local half-hour slot {@code slot} (0-47). */
    public boolean active(int slot) {
        return (activeSlots >>> slot & 1L) != 0;
    }

    public int activeSlotCount() {
        return Long.bitCount(activeSlots);
    }

    public int bathroomVisits() {
        return bathroomDay + bathroomNight;
    }

    public int transitionCount() {
        return transitions.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The longest stillness anywhere in the day, in seconds. */
    public int longestStillnessSeconds() {
        return stillness.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
