package org.hearth.simulator.resident;

import java.util.List;
import org.hearth.simulator.anomaly.Label;

/**
 * Everything that happens in one home from one rise to the next (true time, epoch milliseconds):
 * the resident's stays (contiguous, covering {@code [start, end)}), visitors, kettle boils, front
 * door swings, help-button presses and the labels of anomalies injected into the day.
 *
 * @param restlessFactor multiplies turning in bed tonight (disturbed sleep)
 */
public record DayPlan(
        long start,
        long end,
        List<Stay> stays,
        List<Visit> visits,
        List<Boil> boils,
        List<DoorSwing> doors,
        List<Long> buttonPresses,
        List<Label> labels,
        double restlessFactor) {

    public DayPlan {
        stays = List.copyOf(stays);
        visits = List.copyOf(visits);
        boils = List.copyOf(boils);
        doors = List.copyOf(doors);
        buttonPresses = List.copyOf(buttonPresses);
        labels = List.copyOf(labels);
    }
}
