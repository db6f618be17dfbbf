package org.hearth.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU of this JVM's threads over a span, from {@code /proc/self/task} (native threads included: RocksDB's, the
 * JIT's, GC's, which {@code ThreadMXBean} does not see), and optionally async-profiler's CPU samples of the same span
 * (Java and native frames, per thread). For {@link E2eHeldBench}'s steady state: started after the warm-up, stopped at the
 * end of the measured span. Bench only; async-profiler 2.9 is on the test classpath (a Flink dependency) and its library
 * is given by path ({@code -De2e.profiler=/path/libasyncProfiler.so}).
 */
final class SteadyProfile {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ

    private final Path out;
    private final String library;
    private Map<Long, ThreadTicks> first;
    private long compileMillis;
    private long startUptime;

    /** A thread's name (15 characters at most, as the kernel keeps it) and its utime + stime in clock ticks. */
    record ThreadTicks(String name, long ticks) {}

    SteadyProfile(Path out, String library) {
        this.out = out;
        this.library = library;
    }

    void start() throws IOException {
        if (library != null) {
            execute("start,event=cpu,interval=1ms,threads");
        }
        first = threads();
        compileMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        startUptime = ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /** Writes {@code tag}-threads.txt (CPU seconds per thread name over the span) and {@code tag}.collapsed; returns the JVM's CPU seconds. */
    double stop(String tag, double seconds, long readings) throws IOException {
        Map<Long, ThreadTicks> last = threads();
        long compiled = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compileMillis;
        if (library != null) {
            execute("stop,file=" + out.resolve(tag + ".collapsed") + ",collapsed");
        }
        Map<String, Long> byName = new HashMap<>();
        long total = 0;
        for (Map.Entry<Long, ThreadTicks> e : last.entrySet()) {
            ThreadTicks before = first.get(e.getKey());
            long d = e.getValue().ticks() - (before == null ? 0 : before.ticks());
            byName.merge(e.getValue().name().replaceAll("[0-9]+", "#"), d, Long::sum);
            total += d;
        }
        List<Map.Entry<String, Long>> rows = new ArrayList<>(byName.entrySet());
        rows.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "# %s: %.1f s span (JVM uptime %,d ms on), %,d readings published; JIT compiling %,d ms of it; CPU seconds per thread "
                        + "(names' digits as #), /proc/self/task%n", tag, seconds, startUptime, readings, compiled));
        for (Map.Entry<String, Long> r : rows) {
            if (r.getValue() > 0) {
                text.append(String.format(Locale.ROOT, "%-20s %7.2f s  %5.1f %%  %6.1f us/reading%n", r.getKey(), r.getValue() / TICKS_PER_SECOND,
                        100.0 * r.getValue() / Math.max(1, total), r.getValue() / TICKS_PER_SECOND / Math.max(1, readings) * 1e6));
            }
        }
        text.append(String.format(Locale.ROOT, "%-20s %7.2f s  %5.1f cores  %6.1f us/reading%n", "all", total / TICKS_PER_SECOND,
                total / TICKS_PER_SECOND / seconds, total / TICKS_PER_SECOND / Math.max(1, readings) * 1e6));
        Files.writeString(out.resolve(tag + "-threads.txt"), text);
        System.out.print(text);
        return total / TICKS_PER_SECOND;
    }

    private void execute(String command) throws IOException {
        one.profiler.AsyncProfiler.getInstance(library).execute(command);
    }

    static Map<Long, ThreadTicks> threads() throws IOException {
        Map<Long, ThreadTicks> all = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] f = stat.substring(close + 2).split(" ");
                    all.put(Long.parseLong(task.getFileName().toString()),
                            new ThreadTicks(stat.substring(open + 1, close), Long.parseLong(f[11]) + Long.parseLong(f[12])));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return all;
    }
}
