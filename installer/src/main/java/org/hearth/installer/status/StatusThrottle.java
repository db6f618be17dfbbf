package org.hearth.installer.status;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.hearth.models.status.HomeStatus;

/**
 * Decides which statuses are worth publishing: the detection job may produce one per event, but a
 * retained message needs to change only when what it says changes. A status that says the same
 * is still republished after {@code refresh} of event time, so {@code updatedAt} shows the job
 * alive. Per home; not thread-safe (one per sink writer).
 */
public final class StatusThrottle {

    private final Duration refresh;
    private final Map<String, HomeStatus> published = new HashMap<>();

    public StatusThrottle(Duration refresh) {
        this.refresh = refresh;
    }

    /** Whether to publish this status; if so it becomes the home's last published one. */
    public boolean admit(HomeStatus status) {
        HomeStatus last = published.get(status.homeId());
        boolean publish = last == null || !status.sameAs(last)
                || !status.updatedAt().isBefore(last.updatedAt().plus(refresh));
        if (publish) {
            published.put(status.homeId(), status);
        }
        return publish;
    }

    /** Forgets a home (it was removed), so that a re-added home publishes at once. */
    public void forget(String homeId) {
        published.remove(homeId);
    }
}
