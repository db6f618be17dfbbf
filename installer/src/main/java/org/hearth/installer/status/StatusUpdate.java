package org.hearth.installer.status;

import java.util.Objects;
import org.hearth.models.status.HomeStatus;

/**
 * What the status sink does with a home's retained message: replace it with a new status, or
 * clear it (the home left the registry) so that {@code hearth status} no longer lists the home.
 *
 * @param homeId the home
 * @param status the status to publish, or null to clear the home's retained message
 */
public record StatusUpdate(String homeId, HomeStatus status) {

    public StatusUpdate {
        Objects.requireNonNull(homeId, "homeId");
        if (status != null && !status.homeId().equals(homeId)) {
            throw new IllegalArgumentException("a status for home " + status.homeId() + " filed under " + homeId);
        }
    }

    public static StatusUpdate publish(HomeStatus status) {
        return new StatusUpdate(status.homeId(), status);
    }

    public static StatusUpdate clear(String homeId) {
        return new StatusUpdate(homeId, null);
    }

    public boolean clears() {
        return status == null;
    }
}
