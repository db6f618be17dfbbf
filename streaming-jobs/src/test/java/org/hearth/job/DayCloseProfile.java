package org.hearth.job;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Locale;
import org.hearth.job.status.StatusFacts;
import org.hearth.models.day.CloseSpread;

/**
 * Day close per resident at 28-day steady state, in one thread and without Flink, in thread CPU time, to
 * profile (JFR) what learning a day costs (issue 18's goal: at most 1 ms per resident). It builds
 * {@link ScaleBench}'s templates and, for each, takes the state just before the common close, advances it to
 * the template's own close (which must learn the day: refused otherwise) and, as {@link HomeDetector#onTimer}
 * does after it, computes the status facts the close changed (each home's own, as the job emits one per close); the
 * read of the state is timed apart and left out. Not a test.
 * Arguments: {@code [templates] [repetitions per round] [rounds]}; run it with
 * {@code -XX:StartFlightRecording=filename=x.jfr,settings=profile} to profile.
 */
public final class DayCloseProfile {

    public static void main(String[] args) throws Exception {
        int templates = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        ScaleBench.copies = 1;
        ScaleBench.buildTemplates(templates);
        byte[][][] before = ScaleBench.seedsAt(ScaleBench.firstAfterClose());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ": CPU µs per day close (advanceTo + status facts):");
            for (int t = 0; t < templates; t++) {
                Instant close = ScaleBench.commonClose().plus(CloseSpread.offset(ScaleBench.rules[t].home().id()));
                long read = 0;
                long closing = 0;
                long status = 0;
                for (int r = 0; r < reps; r++) {
                    long c0 = threads.getCurrentThreadCpuTime();
                    DetectorState s = ScaleBench.seeded(t, before[0][t]); // decoded with the template's kit
                    byte[] baseline = before[1][t];
                    s.rules.learned.useBaselineStore(() -> baseline);
                    long c1 = threads.getCurrentThreadCpuTime();
                    sink += ScaleBench.rules[t].advanceTo(s.rules, close).size();
                    if (!s.rules.learned.baselineUnsaved()) {
                        throw new IllegalStateException("template " + t + " learned no day at " + close);
                    }
                    long c2 = threads.getCurrentThreadCpuTime();
                    // What each home's close emits in the job (its facts changed: days learned, care day). One
                    // StatusFacts across the repetitions timed only the first (the rest compared an unchanged key, ~10 µs).
                    if (new StatusFacts().changed(ScaleBench.rules[t], s.rules, close).isEmpty()) {
                        throw new IllegalStateException("template " + t + " emitted no status at its close");
                    }
                    sink++;
                    long c3 = threads.getCurrentThreadCpuTime();
                    read += c1 - c0;
                    closing += c2 - c1;
                    status += c3 - c2;
                }
                line.append(String.format(Locale.ROOT, " template %d: %.0f + %.0f (read %.0f)", t,
                        closing / 1e3 / reps, status / 1e3 / reps, read / 1e3 / reps));
            }
            System.out.println(line);
        }
        System.out.println("outcomes " + sink);
        System.exit(0);
    }
}
