package org.hearth.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AckTrackerTest {

    private final AckTracker tracker = new AckTracker();

    @Test
    void complete_releasesOnlyWhatWasEmittedBeforeTheSnapshot() {
        tracker.emitted(new AckHandle(1, 10, 1));
        tracker.snapshot(1);
        tracker.emitted(new AckHandle(1, 11, 1)); // emitted after barrier 1: belongs to checkpoint 2

        assertThat(tracker.complete(1)).containsExactly(new AckHandle(1, 10, 1));
        assertThat(tracker.pending()).isEqualTo(1);
    }

    @Test
    void complete_coversEarlierCheckpointsWhoseNotificationWasMissed() {
        tracker.emitted(new AckHandle(1, 1, 1));
        tracker.snapshot(1);
        tracker.emitted(new AckHandle(1, 2, 1));
        tracker.snapshot(2);
        tracker.emitted(new AckHandle(1, 3, 1));
        tracker.snapshot(3);

        assertThat(tracker.complete(2)).extracting(AckHandle::messageId).containsExactly(1, 2);
        assertThat(tracker.complete(2)).isEmpty();
        assertThat(tracker.complete(3)).extracting(AckHandle::messageId).containsExactly(3);
        assertThat(tracker.pending()).isZero();
    }

    @Test
    void snapshot_ofAnAbortedCheckpointIsReleasedByTheNextCompletion() {
        tracker.emitted(new AckHandle(1, 1, 1));
        tracker.snapshot(5); // 5 is aborted: no completion ever comes for it
        tracker.emitted(new AckHandle(1, 2, 1));
        tracker.snapshot(6);

        assertThat(tracker.complete(6)).extracting(AckHandle::messageId).containsExactly(1, 2);
    }

    @Test
    void emitted_qos0NeedsNoAck() {
        tracker.emitted(new AckHandle(1, 0, 0));
        tracker.snapshot(1);
        assertThat(tracker.complete(1)).isEmpty();
    }
}
