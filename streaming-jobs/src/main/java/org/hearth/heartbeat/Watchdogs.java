package org.hearth.heartbeat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.hearth.alerts.config.AlertsConfig;
import org.hearth.alerts.delivery.DeliveryService;
import org.hearth.alerts.lifecycle.AlertLifecycle;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.render.MessageRenderer;
import org.hearth.alerts.watchdog.JobWatchdog;
import org.hearth.alerts.watchdog.WatchdogService;
import org.hearth.alerts.watchdog.WatchdogSettings;
import org.hearth.alerts.delivery.DeliveryServiceFactory;
import org.hearth.models.registry.Home;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the watchdog outside the Flink job, for {@code hearth run} (in its JVM) and
 * {@code hearth watchdog} (its own process): the heartbeat subscription, the {@code job-silent}
 * lifecycle and a delivery service of its own, built from the same {@code alerts:} section but
 * writing its dedupe store, audit and outbox under {@code dataDir/watchdog/}, so that it never
 * shares a file with the job's delivery.
 */
public final class Watchdogs {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdogs.class);

    private Watchdogs() {}

    /**
     * @param brokerUrl where the job publishes its heartbeat
     * @param clientId a stable MQTT client id for this watchdog
     * @param settings thresholds
     * @param alertsYaml the {@code alerts:} section (null: defaults, the outbox)
     * @param dataDir the deployment's data folder
     * @param clock the wall clock
     * @param echo also told of each lifecycle step (the command line prints them), or null
     */
    public static WatchdogService start(String brokerUrl, String clientId, WatchdogSettings settings, String alertsYaml,
                                        Path dataDir, Clock clock, Consumer<LifecycleEvent> echo)
            throws IOException, MqttException {
        AlertsConfig alerts = alertsYaml == null ? AlertsConfig.defaults() : AlertsConfig.parse(alertsYaml);
        Path dir = Files.createDirectories(dataDir.resolve("watchdog"));
        DeliveryService delivery = DeliveryServiceFactory.fromConfig(alertsYaml, dir, clock).create();
        Home provider = JobWatchdog.providerHome(null);
        if (alerts.dutyLine() == null) {
            LOG.warn("no alerts.dutyLine configured: a silent job is logged and audited, but nobody is texted");
        }
        JobWatchdog watchdog = new JobWatchdog(settings, clock, new AlertLifecycle(alerts.escalationPolicy(), new MessageRenderer()),
                provider, event -> {
                    LOG.warn("job-silent {}: {}", event.type().wireName(), event.alert().observed());
                    if (echo != null) {
                        echo.accept(event);
                    }
                    try {
                        delivery.deliver(event, provider);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        return WatchdogService.start(brokerUrl, clientId, watchdog, settings);
    }
}
