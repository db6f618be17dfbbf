package org.hearth.simulator;

/** Told how far a run has got; called from the generating thread at most ~200 times a run. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (fraction, events) -> { };

    /**
     * @param fraction share of the simulated time span done, 0 to 1
     * @param events readings delivered so far
     */
    void progress(double fraction, long events);
}
