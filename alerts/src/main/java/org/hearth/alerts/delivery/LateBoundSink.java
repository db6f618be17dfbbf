package org.hearth.alerts.delivery;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hearth.alerts.gateway.InboundSink;

/**
 * The gateways need their inbound sink when they are built (SMPP binds at once and may receive a
 * reply straight away), and the reply handler needs a built gateway to answer through. This sink
 * is handed to the gateways first and pointed at the handler once it exists; a reply arriving in
 * between waits for it, and one arriving when no handler comes is refused as not taken, so the
 * SMSC delivers it again instead of it being dropped.
 */
final class LateBoundSink implements InboundSink {

    private static final long WAIT_SECONDS = 30;

    private final CountDownLatch bound = new CountDownLatch(1);
    private volatile InboundSink target;

    void bind(InboundSink sink) {
        target = sink;
        bound.countDown();
    }

    private InboundSink target() {
        try {
            if (!bound.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new NotTaken("no-handler-yet");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotTaken("interrupted");
        }
        return target;
    }

    @Override
    public void inbound(String gateway, String from, String text) {
        target().inbound(gateway, from, text);
    }

    @Override
    public void receipt(String gateway, String providerId, String status) {
        target().receipt(gateway, providerId, status);
    }
}
