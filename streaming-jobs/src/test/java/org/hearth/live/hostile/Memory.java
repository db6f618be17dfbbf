package org.hearth.live.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This JVM's resident set (the MiniCluster runs in it), from /proc; 0 where there is no /proc. */
final class Memory {

    private Memory() {}

    static long residentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** Heap in use after asking for a full collection (the JVM keeps what it grew, so RSS alone overstates). */
    static long heapAfterGcKb() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) / 1024;
    }
}
