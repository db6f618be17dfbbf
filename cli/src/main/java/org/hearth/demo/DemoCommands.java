package org.hearth.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** The command line's door into the demo. */
public final class DemoCommands {

    private DemoCommands() {}

    /** Runs the demo and returns its one-line summary. */
    public static String run(int homes, double speed, Duration runFor, long seed, Path dir, Path outbox, PrintWriter out)
            throws Exception {
        java.io.PrintStream console = new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
            }

            @Override
            public void flush() {
                out.flush();
            }
        }, true);
        DemoRunner.Options options = new DemoRunner.Options(homes, speed, runFor, seed, dir, outbox);
        return new DemoRunner(options, console, Clock.systemUTC()).run().line();
    }
}
