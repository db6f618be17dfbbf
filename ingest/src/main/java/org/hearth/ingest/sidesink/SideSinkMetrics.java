package org.hearth.ingest.sidesink;

import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors a {@link LineFile}'s counts into Flink metrics ({@code sideSink.<name>.written},
 * {@code .failures}, {@code .lost}, {@code .pending}) and logs a failing streak once when it starts
 * and once when it ends, so a full disk is visible without a log line per record.
 */
public final class SideSinkMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(SideSinkMetrics.class);

    private final String name;
    private final LineFile file;
    private long failuresSeen;
    private long lostSeen;
    private boolean failing;

    public SideSinkMetrics(String name, LineFile file, MetricGroup metrics) {
        this.name = name;
        this.file = file;
        MetricGroup group = metrics.addGroup("sideSink").addGroup(name);
        group.gauge("written", file::written);
        group.gauge("failures", file::failures);
        group.gauge("lost", file::lost);
        group.gauge("pending", file::pendingLines);
    }

    /**
     * Call after each write or flush: logs when the sink starts or stops failing, and (at a flush,
     * so at most once per checkpoint) how many lines it lost.
     */
    public void update(boolean atFlush) {
        if (file.failures() > failuresSeen && !failing) {
            failing = true;
            LOG.warn("side sink '{}' cannot write {} ({}); detection goes on, lines are held and retried",
                    name, file.file(), file.lastError());
        } else if (failing && file.pendingLines() == 0 && file.failures() == failuresSeen) {
            failing = false;
            LOG.info("side sink '{}' writes {} again ({} lines lost in all)", name, file.file(), file.lost());
        }
        if (atFlush && file.lost() > lostSeen) {
            LOG.warn("side sink '{}' dropped {} lines it could not write ({} in all)", name, file.lost() - lostSeen, file.lost());
            lostSeen = file.lost();
        }
        failuresSeen = file.failures();
    }

    public boolean failing() {
        return failing;
    }
}
