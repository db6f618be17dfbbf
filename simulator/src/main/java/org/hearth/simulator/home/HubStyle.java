package org.hearth.simulator.home;

/** Which hubs the simulated homes get in {@code homes.yaml}. */
public enum HubStyle {
    /** Every home publishes Hearth's native JSON. */
    NATIVE,
    /** Every home has a Zigbee2MQTT hub (base topic {@code zigbee2mqtt/{homeId}}). */
    ZIGBEE2MQTT,
    /** Every other home has a Zigbee2MQTT hub. */
    MIXED
}
