package org.hearth.job;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Two builds of the detector's state path in one JVM, rounds alternated, so that a 5-10 % change can be told from this
 * shared machine's noise (issue 18): separate runs of {@link DetectionPathProfile} moved ±30 % with the load, two trees
 * measured in the same minutes move together. Each tree's streaming-jobs test classpath (typically a saved copy of main's
 * {@code target/classes} and {@code target/test-classes}, and the worktree's) is loaded in its own {@link URLClassLoader}
 * under the platform loader, so the two share the JDK and nothing of Hearth. Each round runs {@link ScaleBench}'s live
 * day through {@code ScaleBench.statePathPass} in each tree (the order swapped every round, every home restarted from its
 * template's seed, a fresh {@code StatusFacts}), and takes this thread's CPU time per event; the parts (rules, status
 * facts) are timed on the wall clock inside the pass and scaled to the CPU, as {@link DetectionPathProfile} does.
 *
 * <p>Only {@code ScaleBench}'s members that main has had since issue 18's hot-15 are called (by reflection), so the saved
 * tree need not know this class. Prints per round each tree's µs per event and after / before; at the end the median
 * and range of after / before over the rounds past the warm-up, overall and per part. Not a test. Arguments:
 * {@code <before classpath file | -> <after classpath file> [templates] [copies] [rounds] [warm-up rounds] [results file]};
 * a classpath file holds one {@code :}-separated line (the dependency plugin's {@code build-classpath} output with the
 * module's own two folders in front). With {@code -} for before, one tree only: to profile it, give
 * {@code -Dprofile.jar=<async-profiler jar> -Dprofile.lib=<libasyncProfiler.so> -Dprofile.file=<out.collapsed>}, and the
 * profiler (CPU, 1 ms) runs over the rounds past the warm-up only, where the JIT has settled.
 */
public final class AlternatingProfile {

    /** One tree's classes and the {@code ScaleBench} members the pass needs. */
    private static final class Tree {
        final String name;
        final Class<?> bench;
        final Class<?> rulesClass;
        final Class<?> factsClass;
        final Method ownRules;
        final Method pass;

        Tree(String name, Path classpathFile, int templates, int copies) throws Exception {
            this.name = name;
            List<URL> urls = new ArrayList<>();
            for (String entry : Files.readString(classpathFile).trim().split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
            ClassLoader loader = new URLClassLoader(name, urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            bench = Class.forName("org.hearth.job.ScaleBench", true, loader);
            rulesClass = Class.forName("org.hearth.models.rules.HomeRules", true, loader);
            factsClass = Class.forName("org.hearth.job.status.StatusFacts", true, loader);
            ownRules = accessible(bench.getDeclaredMethod("ownRules", int.class, String.class));
            pass = accessible(bench.getDeclaredMethod("statePathPass", rulesClass.arrayType(), long.class, factsClass, long[].class));
            field("copies").setInt(null, copies);
            Thread.currentThread().setContextClassLoader(loader);
            accessible(bench.getDeclaredMethod("buildTemplates", int.class)).invoke(null, templates);
        }

        Field field(String name) throws NoSuchFieldException {
            Field f = bench.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        }

        long events(int copies) throws Exception {
            return (long) Array.getLength(field("live").get(null)) * copies;
        }

        /** One pass of the live day, every home from its seed: {CPU ns, wall ns, rules wall ns, facts wall ns}. */
        long[] round(int homes, int copies, long events, ThreadMXBean threads) throws Exception {
            String[] keys = (String[]) field("keys").get(null);
            Object rules = Array.newInstance(rulesClass, homes);
            for (int h = 0; h < homes; h++) {
                Array.set(rules, h, ownRules.invoke(null, h / copies, keys[h]));
            }
            Object facts = factsClass.getConstructor().newInstance();
            long[] parts = new long[2];
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            sink += (long) pass.invoke(null, rules, events, facts, parts);
            long wall = System.nanoTime() - wall0;
            return new long[] {threads.getCurrentThreadCpuTime() - cpu0, wall, parts[0], parts[1]};
        }
    }

    private static long sink;

    private static Method accessible(Method m) {
        m.setAccessible(true);
        return m;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: AlternatingProfile <before classpath file | -> <after classpath file> "
                    + "[templates] [copies] [rounds] [warm-up rounds] [results file]");
        }
        int templates = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int copies = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 16;
        int warmUp = args.length > 5 ? Integer.parseInt(args[5]) : 4;
        Path out = args.length > 6 ? Path.of(args[6]) : null;
        if (warmUp >= rounds) {
            throw new IllegalArgumentException("warm-up rounds (" + warmUp + ") must be fewer than rounds (" + rounds + ")");
        }
        List<Tree> trees = new ArrayList<>();
        if (!args[0].equals("-")) {
            trees.add(new Tree("before", Path.of(args[0]), templates, copies));
        }
        trees.add(new Tree("after", Path.of(args[1]), templates, copies));
        int homes = templates * copies;
        long events = trees.get(0).events(copies);
        for (Tree t : trees) {
            if (t.events(copies) != events) {
                throw new IllegalStateException("the trees' live days differ: " + t.events(copies) + " vs " + events + " events");
            }
        }
        Object profiler = trees.size() == 1 ? profiler() : null;
        StringBuilder report = new StringBuilder();
        log(report, String.format(Locale.ROOT, "%d templates x %d copies, %,d events per pass; %s; load %s", templates, copies,
                events, trees.size() == 2 ? "before / after alternated" : "one tree", load()));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // per measured round and tree: µs per event in all, in the rules, in the status facts, the rest
        double[][][] perEvent = new double[trees.size()][rounds - warmUp][];
        for (int round = 0; round < rounds; round++) {
            if (round == warmUp && profiler != null) {
                profile(profiler, "start,event=cpu,interval=1ms");
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %2d%s:", round, round < warmUp ? " (warm-up)" : ""));
            double[][] thisRound = new double[trees.size()][];
            for (int k = 0; k < trees.size(); k++) {
                int i = round % 2 == 0 ? k : trees.size() - 1 - k;
                Tree t = trees.get(i);
                Thread.currentThread().setContextClassLoader(t.bench.getClassLoader());
                long[] r = t.round(homes, copies, events, threads);
                double us = r[0] / 1e3 / events;
                double rules = us * r[2] / r[1];
                double facts = us * r[3] / r[1];
                thisRound[i] = new double[] {us, rules, facts, us - rules - facts};
            }
            for (int i = 0; i < trees.size(); i++) {
                double[] p = thisRound[i];
                line.append(String.format(Locale.ROOT, " %s %.2f µs (rules %.2f, facts %.2f, rest %.2f)", trees.get(i).name, p[0], p[1], p[2], p[3]));
                if (round >= warmUp) {
                    perEvent[i][round - warmUp] = p;
                }
            }
            if (trees.size() == 2) {
                line.append(String.format(Locale.ROOT, "; after / before %.3f", thisRound[1][0] / thisRound[0][0]));
            }
            log(report, line.toString());
        }
        if (profiler != null) {
            profile(profiler, "stop,file=" + System.getProperty("profile.file") + ",collapsed");
        }
        String[] names = {"all", "rules", "status facts", "codec and rest"};
        for (int part = 0; part < names.length; part++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-15s", names[part] + ":"));
            for (int i = 0; i < trees.size(); i++) {
                line.append(String.format(Locale.ROOT, " %s median %.2f µs,", trees.get(i).name, median(column(perEvent[i], part, null))));
            }
            if (trees.size() == 2) {
                double[] ratios = column(perEvent[1], part, perEvent[0]);
                Arrays.sort(ratios);
                line.append(String.format(Locale.ROOT, " after / before median %.3f (%.3f-%.3f, %d rounds)", median(ratios),
                        ratios[0], ratios[ratios.length - 1], ratios.length));
            }
            log(report, line.toString());
        }
        log(report, "load " + load() + " (outcomes " + sink + ")");
        if (out != null) {
            Files.writeString(out, report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.exit(0);
    }

    /** One part per round, or its ratio to the same round's part in {@code over}. */
    private static double[] column(double[][] rows, int part, double[][] over) {
        double[] c = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            c[r] = over == null ? rows[r][part] : rows[r][part] / over[r][part];
        }
        return c;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** async-profiler's Java API, by reflection from its jar, when asked for; else null. */
    private static Object profiler() throws Exception {
        String jar = System.getProperty("profile.jar");
        if (jar == null) {
            return null;
        }
        if (System.getProperty("profile.lib") == null || System.getProperty("profile.file") == null) {
            throw new IllegalArgumentException("-Dprofile.jar needs -Dprofile.lib and -Dprofile.file as well");
        }
        ClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> c = Class.forName("one.profiler.AsyncProfiler", true, loader);
        return c.getMethod("getInstance", String.class).invoke(null, System.getProperty("profile.lib"));
    }

    private static void profile(Object profiler, String command) throws Exception {
        Object answer = profiler.getClass().getMethod("execute", String.class).invoke(profiler, command);
        System.out.println("profiler: " + String.valueOf(answer).trim());
    }

    private static String load() throws java.io.IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static void log(StringBuilder report, String line) {
        System.out.println(line);
        report.append(line).append('\n');
    }
}
