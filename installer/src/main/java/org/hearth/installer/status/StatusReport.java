package org.hearth.installer.status;

import java.util.List;
import org.hearth.models.status.HomeStatus;

/**
 * What {@code hearth status} collected: the statuses read (sorted by home) and the retained
 * messages that were not statuses, each as "topic: reason", so nothing is silently skipped.
 */
public record StatusReport(List<HomeStatus> statuses, List<String> unreadable) {

    public StatusReport {
        statuses = List.copyOf(statuses);
        unreadable = List.copyOf(unreadable);
    }
}
