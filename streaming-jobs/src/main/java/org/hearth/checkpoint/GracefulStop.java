package org.hearth.checkpoint;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM (and Ctrl-C) stop the live job with a savepoint instead of killing it: the sources stop,
 * every operator's state and every pending MQTT acknowledgement are settled in one last snapshot,
 * so nothing is processed twice and the next {@code hearth run} (same or newer release) resumes
 * from exactly there. A signal handler, not a shutdown hook: a hook would run while the JVM (and
 * the MiniCluster's own hooks) are already shutting down. A second signal while stopping exits at
 * once; the retained checkpoints are still there for the next start.
 */
public final class GracefulStop {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

    private final JobClient job;
    private final Path savepointDir;
    private final Duration timeout;
    private final PrintWriter out;
    private final AtomicInteger signals = new AtomicInteger();
    private volatile String savepoint;

    private GracefulStop(JobClient job, Path savepointDir, Duration timeout, PrintWriter out) {
        this.job = job;
        this.savepointDir = savepointDir;
        this.timeout = timeout;
        this.out = out;
    }

    /** Handles TERM and INT for {@code job} until the JVM exits. */
    public static GracefulStop install(JobClient job, Path savepointDir, Duration timeout, PrintWriter out) {
        GracefulStop stop = new GracefulStop(job, savepointDir, timeout, out);
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> stop.onSignal(name));
            } catch (IllegalArgumentException unsupported) {
                LOG.warn("cannot handle SIG{} here: it will stop the job without a savepoint", name);
            }
        }
        return stop;
    }

    /** The savepoint the job stopped with, or null if it did not stop that way. */
    public String savepoint() {
        return savepoint;
    }

    private void onSignal(String name) {
        if (signals.incrementAndGet() > 1) {
            out.println("hearth run: SIG" + name + " again: exiting without waiting for the savepoint");
            out.flush();
            Runtime.getRuntime().halt(130);
        }
        // Not on the signal thread: it must stay free to take the second signal.
        Thread t = new Thread(this::stop, "hearth-stop-with-savepoint");
        t.setDaemon(true);
        t.start();
    }

    private void stop() {
        out.println("hearth run: stopping with a savepoint in " + savepointDir + " ...");
        out.flush();
        try {
            savepoint = job.stopWithSavepoint(false, savepointDir.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            out.println("hearth run: stopped with savepoint " + savepoint + "; the next start resumes from it");
        } catch (Exception e) {
            out.println("hearth run: the savepoint failed (" + e + "); cancelling: the next start resumes from the latest checkpoint");
            job.cancel();
        }
        out.flush();
    }
}
