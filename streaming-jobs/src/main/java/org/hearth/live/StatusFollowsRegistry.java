package org.hearth.live;

import org.apache.flink.util.Collector;
import org.hearth.installer.control.RegistryDiff;
import org.hearth.installer.status.StatusUpdate;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.rules.DetectionSettings;
import org.hearth.models.status.HomeStatus;

/**
 * Keeps the retained statuses in step with the registry as applied: when {@code hearth kit apply}
 * removes a home, its retained status is cleared (otherwise {@code hearth status} would list a home
 * nobody watches, with a status that looks alive), and a status that still comes for it (an alert
 * closing in the lifecycle) is dropped.
 *
 * <p>Every subtask sees the change and clears the removed homes on its own writer, after the last
 * status it passed for them: the broker ends with no retained message whichever subtask is last.
 */
final class StatusFollowsRegistry extends FollowsRegistry<HomeStatus, StatusUpdate> {

    private static final long serialVersionUID = 1L;

    StatusFollowsRegistry(DetectionJobConfig initial) {
        super(initial);
    }

    @Override
    void process(HomeStatus status, DetectionSettings now, Collector<StatusUpdate> out) {
        if (now.home(status.homeId()).isPresent()) {
            out.collect(StatusUpdate.publish(status));
        }
    }

    @Override
    void registryChanged(KitRegistry before, KitRegistry after, Collector<StatusUpdate> out) {
        RegistryDiff.between(before, after).homesRemoved().forEach(home -> out.collect(StatusUpdate.clear(home)));
    }
}
