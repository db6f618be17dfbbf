package org.hearth.storage.point;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.KitRegistry;

/**
 * The cohort of each home, so that points can be tagged by cohort for the analysts' dashboards
 * without every record carrying it. Homes without a cohort are tagged {@value #DEFAULT_COHORT}.
 */
public final class HomeCohorts implements Serializable {

    public static final String DEFAULT_COHORT = "default";

    private final HashMap<String, String> cohortByHome;

    private HomeCohorts(Map<String, String> cohortByHome) {
        this.cohortByHome = new HashMap<>(cohortByHome);
    }

    public static HomeCohorts none() {
        return new HomeCohorts(Map.of());
    }

    public static HomeCohorts of(Map<String, String> cohortByHome) {
        return new HomeCohorts(cohortByHome);
    }

    public static HomeCohorts from(KitRegistry registry) {
        Map<String, String> map = new HashMap<>();
        for (Home home : registry.homes()) {
            if (home.cohort() != null && !home.cohort().isBlank()) {
                map.put(home.id(), home.cohort());
            }
        }
        return new HomeCohorts(map);
    }

    public String cohortOf(String homeId) {
        return cohortByHome.getOrDefault(homeId, DEFAULT_COHORT);
    }
}
