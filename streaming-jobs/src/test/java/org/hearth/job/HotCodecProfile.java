package org.hearth.job;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.lang.management.ManagementFactory;
import org.hearth.models.encoding.Bytes;
import org.hearth.models.rules.HomeRules;
import org.hearth.models.rules.HomeRulesState;
import org.hearth.models.rules.HomeRulesStateCodec;

/**
 * The hot value's codec, version 7 against version 8 (issue 18, hot-11), in one JVM, alternating, thread CPU time: each
 * of {@link ScaleBench}'s 28-day templates read from its bytes (v8: decoded with the kit), {@code nextDeadline} (which
 * decodes the tracker and open days), written again (the blobs encoded anew). A tool, not a test:
 * {@code java -cp <streaming-jobs test classpath> org.hearth.job.HotCodecProfile}.
 */
public final class HotCodecProfile {
    public static void main(String[] a) throws Exception {
        ScaleBench.copies = 1;
        ScaleBench.buildTemplates(3);
        var threads = ManagementFactory.getThreadMXBean();
        HomeRules[] own = new HomeRules[3];
        byte[][] v7 = new byte[3][];
        byte[][] v8 = new byte[3][];
        for (int t = 0; t < 3; t++) {
            own[t] = new HomeRules(ScaleBench.rules[t].home(), ScaleBench.ruleSettings);
            HomeRulesState s = ScaleBench.seeded(t, ScaleBench.seeds[t]).rules;
            own[t].nextDeadline(s);
            v7[t] = write(s, 7);
            v8[t] = write(s, 8);
        }
        for (int round = 0; round < 8; round++) {
            for (int version : new int[] {7, 8}) {
                long c0 = threads.getCurrentThreadCpuTime();
                int n = 0;
                for (int r = 0; r < 3000; r++) {
                    for (int t = 0; t < 3; t++) {
                        final int tt = t;
                        byte[] b = version == 7 ? v7[t] : v8[t];
                        HomeRulesState s = HomeRulesStateCodec.read(new DataInputStream(new ByteArrayInputStream(b)));
                        HomeRulesStateCodec.resolve(s, own[t].kitStrings(), () -> null);
                        s.learned.useBaselineStore(() -> ScaleBench.baselineSeeds[tt]);
                        own[t].nextDeadline(s);
                        if (version == 7) { v7[t] = write(s, 7); } else { HomeRulesStateCodec.writeKit(s, own[t].kitStrings()); v8[t] = write(s, 8); }
                        n++;
                    }
                }
                System.out.printf("round %d v%d: %.2f us CPU per read+nextDeadline+write (sizes %d/%d/%d)%n", round, version,
                        (threads.getCurrentThreadCpuTime() - c0) / 1e3 / n,
                        (version == 7 ? v7 : v8)[0].length, (version == 7 ? v7 : v8)[1].length, (version == 7 ? v7 : v8)[2].length);
            }
        }
        System.exit(0);
    }

    static byte[] write(HomeRulesState s, int version) throws Exception {
        Bytes.Out out = new Bytes.Out(1024);
        HomeRulesStateCodec.write(s, new DataOutputStream(out), version);
        return out.toByteArray();
    }
}
