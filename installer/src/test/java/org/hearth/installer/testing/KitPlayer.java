package org.hearth.installer.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Plays a home's kit on a real broker: every {@code period} each live device publishes what it
 * would (native JSON, Zigbee2MQTT, Shelly), with the wall clock's time, until closed. A sensor the
 * test leaves out is a dead one.
 */
public final class KitPlayer implements AutoCloseable {

    /** One device's message, made fresh each round (the time is the round's). */
    public record Device(String topic, Function<Instant, String> payload) {}

    private final MqttClient client;
    private final List<Device> devices = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public KitPlayer(String brokerUrl, long periodMillis, List<Device> devices) throws Exception {
        this.devices.addAll(devices);
        client = new MqttClient(brokerUrl, "kit-player-" + System.nanoTime(), new MemoryPersistence());
        client.connect();
        thread = new Thread(() -> {
            while (running) {
                try {
                    for (Device d : this.devices) {
                        MqttMessage m = new MqttMessage(d.payload().apply(Instant.now()).getBytes(StandardCharsets.UTF_8));
                        m.setQos(1);
                        client.publish(d.topic(), m);
                    }
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    if (running) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }, "kit-player");
        thread.setDaemon(true);
        thread.start();
    }

    /** The h1 kit with {@code pir-kitchen} dead, an unregistered native PIR and an unpaired Zigbee device. */
    public static List<Device> h1WithDeadKitchenMotion() {
        return List.of(
                new Device("hearth/h1/bed", ts -> TestHome.nativeJson(ts, "bed", 0, 80)),
                new Device("shellyplus1pm-kettle1/status/switch:0", ts -> "{\"id\":0,\"apower\":0.0,\"output\":false}"),
                new Device("zigbee2mqtt/h1/bathroom/pir", ts -> "{\"occupancy\":false,\"battery\":91,\"linkquality\":120}"),
                new Device("zigbee2mqtt/h1/front_door", ts -> "{\"contact\":true,\"battery\":64,\"linkquality\":88}"),
                new Device("hearth/h1/help", ts -> TestHome.nativeJson(ts, "button", 0, 95)),
                new Device("hearth/h1/hall-temp", ts -> TestHome.nativeJson(ts, "temperature", 19.5, null)),
                new Device("hearth/h1/pir-loft", ts -> TestHome.nativeJson(ts, "motion", 1, 50)),
                new Device("zigbee2mqtt/h1/0x00158d00045a1b2c", ts -> "{\"occupancy\":true,\"linkquality\":60}"),
                new Device("hearth/h2/pir-kitchen", ts -> TestHome.nativeJson(ts, "motion", 1, 70)));
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.interrupt();
        thread.join(2_000);
        client.disconnect();
        client.close();
    }
}
