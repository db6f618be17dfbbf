package org.hearth.storage.write;

/**
 * Told of each change to the counters, so that the Flink sink can mirror them as Flink metrics
 * without the writer knowing Flink. Called from the writer's threads; keep it cheap.
 */
public interface WriteListener {

    WriteListener NONE = new WriteListener() { };

    default void written(int points) { }

    default void retried(int points) { }

    default void spilled(int points) { }

    default void dropped(int points) { }

    default void rejected(int points) { }

    default void refused(int points) { }
}
