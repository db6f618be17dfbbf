package org.hearth.models.registry;

/**
 * A hub that publishes for a home in a format other than native.
 *
 * @param format the MQTT dialect
 * @param base the base topic (Zigbee2MQTT's {@code base_topic}, e.g. {@code zigbee2mqtt/h2}); unused
 *     by Shelly and Tasmota, whose topics start with each device's own id
 */
public record Hub(HubFormat format, String base) {}
