package org.hearth.installer.check;

import java.util.ArrayList;
import java.util.List;

/**
 * The end of a kit check: how many sensors reported, which stayed silent, who talked unregistered,
 * which roles were confirmed; and whether the installer may leave ({@link #passed()}).
 *
 * @param homeId the home
 * @param registered sensors in the registry
 * @param reporting sensors heard live during the check
 * @param silentRequired labels of silent sensors the rules read: any fails the check
 * @param silentOptional labels of silent sensors no rule reads (temperature, humidity)
 * @param unregistered names of devices talking on the home's topics without being registered (kept sorted)
 * @param roleTests role tests run
 * @param rolesConfirmed role tests confirmed
 * @param rolesNotConfirmed roles (wire names) whose test timed out or was skipped: any fails the check
 */
public record CheckVerdict(
        String homeId,
        int registered,
        int reporting,
        List<String> silentRequired,
        List<String> silentOptional,
        List<String> unregistered,
        int roleTests,
        int rolesConfirmed,
        List<String> rolesNotConfirmed) {

    public CheckVerdict {
        silentRequired = List.copyOf(silentRequired);
        silentOptional = List.copyOf(silentOptional);
        // sorted: two devices' first messages arrive in either order, and scripts read this line
        unregistered = unregistered.stream().sorted().toList();
        rolesNotConfirmed = List.copyOf(rolesNotConfirmed);
    }

    static CheckVerdict of(String homeId, List<SensorSighting> sightings, List<UnregisteredDevice> strangers,
                           List<RoleOutcome> outcomes) {
        List<String> silentRequired = new ArrayList<>();
        List<String> silentOptional = new ArrayList<>();
        int reporting = 0;
        for (SensorSighting s : sightings) {
            if (s.seen()) {
                reporting++;
            } else if (s.required()) {
                silentRequired.add(s.label());
            } else {
                silentOptional.add(s.label());
            }
        }
        List<String> notConfirmed = outcomes.stream().filter(o -> !o.confirmed()).map(o -> o.test().role().wireName()).toList();
        return new CheckVerdict(homeId, sightings.size(), reporting, silentRequired, silentOptional,
                strangers.stream().map(UnregisteredDevice::name).toList(), outcomes.size(),
                (int) outcomes.stream().filter(RoleOutcome::confirmed).count(), notConfirmed);
    }

    /** True when every required sensor reported and every role test was confirmed. */
    public boolean passed() {
        return silentRequired.isEmpty() && rolesNotConfirmed.isEmpty();
    }

    /** The process exit code: 0 passed, 1 not. */
    public int exitCode() {
        return passed() ? 0 : 1;
    }

    /**
     * The verdict in one line, e.g. "7 of 8 sensors reporting; kitchen motion silent".
     */
    public String line() {
        StringBuilder line = new StringBuilder().append(reporting).append(" of ").append(registered)
                .append(registered == 1 ? " sensor reporting" : " sensors reporting");
        if (!silentRequired.isEmpty()) {
            line.append("; ").append(joined(silentRequired)).append(" silent");
        }
        if (!silentOptional.isEmpty()) {
            line.append("; ").append(joined(silentOptional)).append(" silent (not required)");
        }
        if (!unregistered.isEmpty()) {
            line.append("; ").append(unregistered.size())
                    .append(unregistered.size() == 1 ? " unregistered device talking (" : " unregistered devices talking (")
                    .append(String.join(", ", unregistered)).append(')');
        }
        if (roleTests > 0) {
            line.append("; roles confirmed ").append(rolesConfirmed).append(" of ").append(roleTests);
            if (!rolesNotConfirmed.isEmpty()) {
                line.append(" (").append(joined(rolesNotConfirmed)).append(" not confirmed)");
            }
        }
        return line.toString();
    }

    /** "a", "a and b", "a, b and c". */
    static String joined(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
