package org.hearth.installer.status;

/**
 * Where learning status lives on the broker. {@code hearth/status/+} also matches ingest's native
 * filter {@code hearth/+/+}: ingest must not treat {@code status} as a home id (see the README).
 */
public final class StatusTopics {

    public static final String ROOT = "hearth/status";
    public static final String ALL = ROOT + "/+";

    private StatusTopics() {}

    public static String of(String homeId) {
        return ROOT + "/" + homeId;
    }

    /** The home id of a status topic, or null when the topic is not one. */
    public static String homeOf(String topic) {
        return topic.startsWith(ROOT + "/") && topic.indexOf('/', ROOT.length() + 1) < 0
                ? topic.substring(ROOT.length() + 1) : null;
    }
}
