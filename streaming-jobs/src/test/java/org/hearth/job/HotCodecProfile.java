package org.hearth.job;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.hearth.models.encoding.Bytes;
import org.hearth.models.rules.HomeRules;
import org.hearth.models.rules.HomeRulesState;
import org.hearth.models.rules.HomeRulesStateCodec;

/**
 * The hot value's codec, one version against another (by default the one before {@link HomeRulesStateCodec#VERSION}
 * against it), in one JVM, alternating, thread CPU time: each of {@link ScaleBench}'s 28-day templates read from its
 * bytes (from version 8 decoded with the kit), {@code nextDeadline} (which decodes the tracker and open days), written
 * again in the same version (the blobs encoded anew). A tool, not a test:
 * {@code java -cp <streaming-jobs test classpath> org.hearth.job.HotCodecProfile [version...]}.
 */
public final class HotCodecProfile {

    private static final int TEMPLATES = 3;

    private HotCodecProfile() {}

    public static void main(String[] args) throws Exception {
        int[] versions = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {HomeRulesStateCodec.VERSION - 1, HomeRulesStateCodec.VERSION};
        ScaleBench.copies = 1;
        ScaleBench.buildTemplates(TEMPLATES);
        var threads = ManagementFactory.getThreadMXBean();
        HomeRules[] own = new HomeRules[TEMPLATES];
        byte[][][] stored = new byte[versions.length][TEMPLATES][];
        for (int t = 0; t < TEMPLATES; t++) {
            own[t] = new HomeRules(ScaleBench.rules[t].home(), ScaleBench.ruleSettings);
            HomeRulesState s = ScaleBench.seeded(t, ScaleBench.seeds[t]).rules;
            own[t].nextDeadline(s);
            for (int v = 0; v < versions.length; v++) {
                stored[v][t] = write(s, own[t], versions[v]);
            }
        }
        for (int round = 0; round < 8; round++) {
            for (int v = 0; v < versions.length; v++) {
                long c0 = threads.getCurrentThreadCpuTime();
                int n = 0;
                for (int r = 0; r < 3000; r++) {
                    for (int t = 0; t < TEMPLATES; t++) {
                        final int tt = t;
                        HomeRulesState s = HomeRulesStateCodec.read(new Bytes.In(stored[v][t]));
                        HomeRulesStateCodec.resolve(s, own[t].kitStrings(), () -> null);
                        s.learned.useBaselineStore(() -> ScaleBench.baselineSeeds[tt]);
                        own[t].nextDeadline(s);
                        stored[v][t] = write(s, own[t], versions[v]);
                        n++;
                    }
                }
                System.out.printf("round %d v%d: %.2f us CPU per read+nextDeadline+write (sizes %d/%d/%d)%n", round,
                        versions[v], (threads.getCurrentThreadCpuTime() - c0) / 1e3 / n,
                        stored[v][0].length, stored[v][1].length, stored[v][2].length);
            }
        }
        System.exit(0);
    }

    /** {@code s} in {@code version}, against the home's kit from version 8 on (as the job writes it). */
    static byte[] write(HomeRulesState s, HomeRules rules, int version) throws Exception {
        if (version >= 8) {
            HomeRulesStateCodec.writeKit(s, rules.kitStrings());
        }
        Bytes.Out out = new Bytes.Out(1024);
        HomeRulesStateCodec.write(s, out, version);
        return out.toByteArray();
    }
}
