package org.hearth.storage.point;

import java.util.Objects;
import org.hearth.models.activity.Activity;

/**
 * An activity with the home it happened in: activities themselves do not carry it, because the
 * detection job keys them by home. What a job emits to store activities.
 */
public record HomeActivity(String homeId, Activity activity) {
    public HomeActivity {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(activity, "activity");
    }
}
