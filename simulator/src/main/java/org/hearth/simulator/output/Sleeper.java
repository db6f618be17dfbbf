package org.hearth.simulator.output;

import java.time.Duration;

/** Waits; injected so that pacing is testable without waiting. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = d -> Thread.sleep(Math.max(0, d.toMillis()), (int) Math.max(0, d.toNanosPart() % 1_000_000));

    void sleep(Duration duration) throws InterruptedException;
}
