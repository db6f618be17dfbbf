package org.hearth.models.registry;

/**
 * One thing wrong with a registry file, located so that an installer can fix it.
 *
 * @param file the file name
 * @param line 1-based line, or 0 when unknown
 * @param homeId the home concerned, or null
 * @param field the field's path within the home (e.g. {@code sensors[2].kind}), or null
 * @param message what is wrong, in plain words
 */
public record RegistryProblem(String file, int line, String homeId, String field, String message) {

    /** {@code homes.yaml:12: home h1, sensors[2].kind: unknown kind 'moton' (...)}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ");
        if (homeId != null) {
            text.append("home ").append(homeId).append(", ");
        }
        if (field != null) {
            text.append(field).append(": ");
        }
        return text.append(message).toString();
    }
}
