package org.hearth.simulator.output;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;

/**
 * Bounds the publishes awaiting their PUBACK. A permit comes back only through the publish's action
 * listener, which Paho calls after it has taken the PUBACK off its own in-flight count; a token that
 * merely reports completion is not enough (Paho wakes a token's waiter before it decrements, so a
 * publisher that waits on tokens runs ahead of Paho's count, and at the broker's Receive Maximum
 * Paho refuses the next publish with 32202, "too many publishes in progress"). With no more permits
 * than the broker's Receive Maximum, that refusal cannot happen.
 */
final class InFlightWindow implements MqttActionListener {

    private final int size;
    private final long timeoutMillis;
    private final Semaphore permits;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /**
     * @param size how many publishes may await their PUBACK at once (at most the broker's Receive Maximum)
     * @param timeoutMillis how long to wait for a PUBACK before giving up
     */
    InFlightWindow(int size, long timeoutMillis) {
        if (size < 1) {
            throw new IllegalArgumentException("window must be at least 1, got " + size);
        }
        this.size = size;
        this.timeoutMillis = timeoutMillis;
        this.permits = new Semaphore(size);
    }

    int size() {
        return size;
    }

    /** Waits for room for one more publish; pair it with the listener on that publish, or {@link #giveBack()}. */
    void take() throws InterruptedException, PublishFailedException {
        failIfFailed();
        if (!permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new PublishFailedException("no PUBACK from the broker within " + timeoutMillis + " ms ("
                    + size + " publishes awaiting one)", null);
        }
        failIfFailed();
    }

    /** Returns the permit of a publish that never went out. */
    void giveBack() {
        permits.release();
    }

    /** Waits until every publish so far is acknowledged. */
    void drain() throws InterruptedException, PublishFailedException {
        if (!permits.tryAcquire(size, timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new PublishFailedException("no PUBACK from the broker within " + timeoutMillis + " ms ("
                    + (size - permits.availablePermits()) + " publishes still awaiting one)", null);
        }
        permits.release(size);
        failIfFailed();
    }

    @Override
    public void onSuccess(IMqttToken token) {
        permits.release();
    }

    @Override
    public void onFailure(IMqttToken token, Throwable exception) {
        failure.compareAndSet(null, exception);
        permits.release();
    }

    private void failIfFailed() throws PublishFailedException {
        Throwable t = failure.get();
        if (t != null) {
            throw new PublishFailedException("a publish was not acknowledged: " + t.getMessage(), t);
        }
    }
}
