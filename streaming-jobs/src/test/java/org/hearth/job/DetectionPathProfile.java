package org.hearth.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.hearth.job.status.StatusFacts;
import org.hearth.models.rules.HomeRules;

/**
 * The detector's per-event path at 28-day steady state, in one thread and without Flink, to profile
 * (JFR) and to time what the rules and the hot-state codec cost per event (issue 18). It builds
 * {@link ScaleBench}'s templates and replays their live day for {@code copies} homes per template
 * exactly as {@link HomeDetector#onTimer} takes one event: read the hot state from its bytes (the
 * baseline loaded only if asked for), {@code enterCareDay}, {@code onEvent}, {@code advanceTo} the
 * event's time, {@code nextDeadline}, the status facts, write the baseline if it changed and the hot
 * state. No RocksDB, timers or pending buffer: those are ScaleBench's (the engine's share).
 *
 * <p>Each round restarts every home from its template's seed, so rounds are alike; the first rounds
 * warm the JIT up. Reports per round the CPU µs per event in all and what the rules,
 * the status facts and the rest (mostly the codec: read and write of the hot state) take. Not a test. Arguments:
 * {@code [templates] [copies] [rounds] [results file to append to]}; run it with
 * {@code -XX:StartFlightRecording=filename=x.jfr} to profile.
 */
public final class DetectionPathProfile {

    public static void main(String[] args) throws Exception {
        int templates = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int copies = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        Path out = args.length > 3 ? Path.of(args[3]) : null;
        ScaleBench.copies = copies;
        ScaleBench.buildTemplates(templates);
        int homes = templates * copies;
        long total = (long) ScaleBench.live.length * copies;
        System.out.printf(Locale.ROOT, "%d templates x %d copies, %,d events per round%n", templates, copies, total);
        StringBuilder report = new StringBuilder();
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            HomeRules[] rules = new HomeRules[homes];
            for (int h = 0; h < homes; h++) {
                rules[h] = ScaleBench.ownRules(h / copies, ScaleBench.keys[h]);
            }
            long[] parts = new long[2];
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            sink += ScaleBench.statePathPass(rules, total, new StatusFacts(), parts);
            long inRules = parts[0];
            long inFacts = parts[1];
            // CPU time, not wall: the machine is shared and a loaded one preempts this thread. The parts are
            // timed on the wall clock (a CPU-time call per event would cost more than an event) and scaled to it.
            double perEvent = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / total;
            double wall = System.nanoTime() - t0;
            double rulesUs = perEvent * inRules / wall;
            double factsUs = perEvent * inFacts / wall;
            String line = String.format(Locale.ROOT, "round %d: %.2f µs CPU per event: rules %.2f, status facts %.2f, codec and rest %.2f",
                    round, perEvent, rulesUs, factsUs, perEvent - rulesUs - factsUs);
            System.out.println(line);
            report.append(line).append('\n');
        }
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.println("load average " + load + " (outcomes " + sink + ")");
        if (out != null) {
            Files.writeString(out, report + "load average " + load + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        System.exit(0);
    }
}
