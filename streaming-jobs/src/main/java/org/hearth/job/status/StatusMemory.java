package org.hearth.job.status;

import java.time.LocalDate;
import java.util.TreeSet;
import org.hearth.models.status.HomeStatus;

/**
 * What the status operator keeps per home (keyed state, Hearth JSON): the detector's last facts,
 * the rules with an open alert, and the last status emitted. Mutable on purpose, like the rules'
 * state; the set is sorted so the serialized form is deterministic.
 */
public final class StatusMemory {
    /** The detector's latest facts, null until the first arrive. */
    public DetectorFacts detector;
    /** Wire names of the rules with an open alert. */
    public TreeSet<String> openAlerts = new TreeSet<>();
    /** The last status emitted, null before the first. */
    public HomeStatus emitted;
    /** The care day of the detector facts behind the last status emitted. */
    public LocalDate emittedCareDay;
}
