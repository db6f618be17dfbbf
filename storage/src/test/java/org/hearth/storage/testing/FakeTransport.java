package org.hearth.storage.testing;

import java.util.ArrayList;
import java.util.List;
import org.hearth.storage.write.PointTransport;
import org.hearth.storage.write.WriteFailure;

/**
 * A transport whose server can be switched off and which rejects lines containing a marker, as a
 * real server rejects a type clash (the whole request, nothing written).
 */
public final class FakeTransport implements PointTransport {

    public static final String BAD = "BAD";

    private final List<String> received = new ArrayList<>();
    private volatile boolean down;
    private int attempts;

    public synchronized void setDown(boolean down) {
        this.down = down;
    }

    @Override
    public synchronized void write(List<String> lines) throws WriteFailure {
        attempts++;
        if (down) {
            throw new WriteFailure(WriteFailure.Kind.RETRYABLE, 0, "connection refused", null);
        }
        for (String line : lines) {
            if (line.contains(BAD)) {
                throw new WriteFailure(WriteFailure.Kind.REJECTED, 400, "cast error", null);
            }
        }
        received.addAll(lines);
    }

    public synchronized List<String> received() {
        return List.copyOf(received);
    }

    public synchronized int attempts() {
        return attempts;
    }

    @Override
    public void close() {
    }
}
