package org.hearth.installer.check;

import java.time.Instant;

/**
 * A device talking on the home's topics that the registry does not know: a sensor the installer
 * forgot to register, or a device paired under a different name than the registry gives it.
 *
 * @param topic the topic it last published on
 * @param name the sensor id (native) or device name (Zigbee2MQTT) it used
 * @param messages how many messages it sent during the check
 * @param lastSeen when its last message arrived
 */
public record UnregisteredDevice(String topic, String name, int messages, Instant lastSeen) {}
