package org.hearth.ingest.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that collects into a static, named queue: the MiniCluster runs in the test's JVM, so the
 * test reads what every parallel writer (and every restarted attempt) saw. Records the nano time
 * of the first and last element for rate measurements.
 */
public final class Collect {

    private static final Map<String, ConcurrentLinkedQueue<Object>> QUEUES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> FIRST = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> LAST = new ConcurrentHashMap<>();

    private Collect() {}

    public static <T> Sink<T> into(String name) {
        QUEUES.put(name, new ConcurrentLinkedQueue<>());
        FIRST.put(name, new AtomicLong());
        LAST.put(name, new AtomicLong());
        return new CollectingSink<>(name);
    }

    @SuppressWarnings("unchecked")
    public static <T> List<T> get(String name) {
        return new ArrayList<>((ConcurrentLinkedQueue<T>) (ConcurrentLinkedQueue<?>) QUEUES.get(name));
    }

    public static int size(String name) {
        return QUEUES.get(name).size();
    }

    /** Nanoseconds between the first and the last element collected. */
    public static long spanNanos(String name) {
        return LAST.get(name).get() - FIRST.get(name).get();
    }

    private record CollectingSink<T>(String name) implements Sink<T> {
        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) {
                    long now = System.nanoTime();
                    FIRST.get(name).compareAndSet(0, now);
                    LAST.get(name).set(now);
                    QUEUES.get(name).add(element);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
