package org.hearth.simulator.emit;

import java.util.Arrays;

/**
 * A growable, primitive-array list of one home's readings: {@code arrival} (when delivered),
 * {@code ts} (the hub's timestamp), sensor index, kind ordinal and value. Kept compact because the
 * time-ordered merge holds one home-day of these for every home at once (~30 bytes a reading).
 */
public final class EventBuffer {

    long[] arrival;
    long[] ts;
    int[] sensor;
    byte[] kind;
    double[] value;
    int size;

    public EventBuffer(int capacity) {
        capacity = Math.max(capacity, 4);
        arrival = new long[capacity];
        ts = new long[capacity];
        sensor = new int[capacity];
        kind = new byte[capacity];
        value = new double[capacity];
    }

    public void add(long arrivalMs, long tsMs, int sensorIndex, int kindOrdinal, double v) {
        if (size == arrival.length) {
            int n = size * 2;
            arrival = Arrays.copyOf(arrival, n);
            ts = Arrays.copyOf(ts, n);
            sensor = Arrays.copyOf(sensor, n);
            kind = Arrays.copyOf(kind, n);
            value = Arrays.copyOf(value, n);
        }
        arrival[size] = arrivalMs;
        ts[size] = tsMs;
        sensor[size] = sensorIndex;
        kind[size] = (byte) kindOrdinal;
        value[size] = v;
        size++;
    }

    public int size() {
        return size;
    }

    public long arrival(int i) {
        return arrival[i];
    }

    public long ts(int i) {
        return ts[i];
    }

    public int sensor(int i) {
        return sensor[i];
    }

    public int kind(int i) {
        return kind[i];
    }

    public double value(int i) {
        return value[i];
    }

    /** Copies entry {@code i} of {@code other} to the end of this buffer. */
    public void addFrom(EventBuffer other, int i) {
        add(other.arrival[i], other.ts[i], other.sensor[i], other.kind[i], other.value[i]);
    }

    /**
     * Sorts by arrival, then timestamp, sensor and kind, so that ties are broken the same way on
     * every run.
     */
    public void sortByArrival() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Long.compare(arrival[a], arrival[b]);
            if (c == 0) c = Long.compare(ts[a], ts[b]);
            if (c == 0) c = Integer.compare(sensor[a], sensor[b]);
            if (c == 0) c = Integer.compare(kind[a], kind[b]);
            if (c == 0) c = Double.compare(value[a], value[b]);
            return c;
        });
        long[] ar = new long[arrival.length];
        long[] t = new long[arrival.length];
        int[] s = new int[arrival.length];
        byte[] k = new byte[arrival.length];
        double[] v = new double[arrival.length];
        for (int i = 0; i < size; i++) {
            int o = order[i];
            ar[i] = arrival[o];
            t[i] = ts[o];
            s[i] = sensor[o];
            k[i] = kind[o];
            v[i] = value[o];
        }
        arrival = ar;
        ts = t;
        sensor = s;
        kind = k;
        value = v;
    }
}
