package org.hearth.models.status;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalTime;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.hearth.models.baseline.Anchor;
import org.hearth.models.baseline.Baseline;

/**
 * The resident's usual times, as an installer or carer would say them: the median of the days
 * learned so far, in the resident's local time. Each is null while no learned day has it.
 *
 * @param usualRise usual time up
 * @param usualBedtime usual time into bed
 * @param usualFirstKettle usual first kettle
 * @param stillnessLimitMinutes the stillness rule's calibrated limit per room and time of day
 *     ("bathroom afternoon" -> 45), once learned: how long a silence there may last before Hearth
 *     texts; empty (and left out of the JSON) while learning
 * @param residentOks how often the resident answered a rule's "I'm OK" pre-alert within the learning
 *     window, by rule ("no-kettle" -> 3): what the rules now take as normal for them
 *     ({@code LearnedRules.residentOk}); empty (and left out of the JSON) when never
 * @param ruleThresholds every learned rule's calibrated threshold for this resident, by rule wire
 *     name ("not-home" -> its limit per time of day, budget share, analyst overrides), once
 *     learned; empty (and left out of the JSON) while learning
 * @param exitDoors the contacts learned as ways out of the home from the resident's own outings
 *     ({@code rules.ExitDoors}: plain contacts used as the front door is), sorted ids; empty (and left
 *     out of the JSON) when none
 */
public record BaselineSummary(
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm") LocalTime usualRise,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm") LocalTime usualBedtime,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm") LocalTime usualFirstKettle,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Integer> stillnessLimitMinutes,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Integer> residentOks,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, RuleThreshold> ruleThresholds,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.List<String> exitDoors) {

    public static final BaselineSummary UNKNOWN = new BaselineSummary(null, null, null);

    public BaselineSummary {
        stillnessLimitMinutes = sorted(stillnessLimitMinutes);
        residentOks = sorted(residentOks);
        ruleThresholds = sorted(ruleThresholds);
        exitDoors = exitDoors == null ? java.util.List.of() : exitDoors.stream().sorted().toList();
    }

    /** Without learned exit doors (a status written before they were shown). */
    public BaselineSummary(LocalTime usualRise, LocalTime usualBedtime, LocalTime usualFirstKettle,
            Map<String, Integer> stillnessLimitMinutes, Map<String, Integer> residentOks,
            Map<String, RuleThreshold> ruleThresholds) {
        this(usualRise, usualBedtime, usualFirstKettle, stillnessLimitMinutes, residentOks, ruleThresholds,
                java.util.List.of());
    }

    /** Usual times, stillness limits and answers, no other thresholds (a status written before they were shown). */
    public BaselineSummary(LocalTime usualRise, LocalTime usualBedtime, LocalTime usualFirstKettle,
            Map<String, Integer> stillnessLimitMinutes, Map<String, Integer> residentOks) {
        this(usualRise, usualBedtime, usualFirstKettle, stillnessLimitMinutes, residentOks, Map.of());
    }

    /** The usual times alone (no calibrated limits yet). */
    public BaselineSummary(LocalTime usualRise, LocalTime usualBedtime, LocalTime usualFirstKettle) {
        this(usualRise, usualBedtime, usualFirstKettle, Map.of(), Map.of());
    }

    /** Usual times and calibrated limits, no answers (a status written before answers were shown). */
    public BaselineSummary(LocalTime usualRise, LocalTime usualBedtime, LocalTime usualFirstKettle,
            Map<String, Integer> stillnessLimitMinutes) {
        this(usualRise, usualBedtime, usualFirstKettle, stillnessLimitMinutes, Map.of(), Map.of());
    }

    /** The same usual times with the stillness rule's calibrated limits. */
    public BaselineSummary withStillnessLimits(Map<String, Integer> limits) {
        return new BaselineSummary(usualRise, usualBedtime, usualFirstKettle, limits, residentOks, ruleThresholds,
                exitDoors);
    }

    /** The same with the resident's "I'm OK" answers per rule. */
    public BaselineSummary withResidentOks(Map<String, Integer> answers) {
        return new BaselineSummary(usualRise, usualBedtime, usualFirstKettle, stillnessLimitMinutes, answers,
                ruleThresholds, exitDoors);
    }

    /** The same with every learned rule's calibrated threshold, by rule wire name. */
    public BaselineSummary withRuleThresholds(Map<String, RuleThreshold> thresholds) {
        return new BaselineSummary(usualRise, usualBedtime, usualFirstKettle, stillnessLimitMinutes, residentOks,
                thresholds, exitDoors);
    }

    /** The same with the contacts learned as exit doors. */
    public BaselineSummary withExitDoors(java.util.Collection<String> doors) {
        return new BaselineSummary(usualRise, usualBedtime, usualFirstKettle, stillnessLimitMinutes, residentOks,
                ruleThresholds, java.util.List.copyOf(doors));
    }

    private static <V> Map<String, V> sorted(Map<String, V> m) {
        return m == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(m));
    }

    /** The medians of a baseline's anchors (whatever days it holds, ready or not). */
    public static BaselineSummary of(Baseline baseline) {
        return new BaselineSummary(median(baseline, Anchor.RISE), median(baseline, Anchor.BEDTIME),
                median(baseline, Anchor.FIRST_KETTLE));
    }

    private static LocalTime median(Baseline baseline, Anchor anchor) {
        OptionalDouble minute = baseline.anchorQuantile(anchor, 0.5);
        if (minute.isEmpty()) {
            return null;
        }
        int m = Math.floorMod((int) Math.round(minute.getAsDouble()), 24 * 60);
        return LocalTime.of(m / 60, m % 60);
    }
}
