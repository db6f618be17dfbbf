package org.hearth.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hearth.alerts.watchdog.JobHealth;
import org.hearth.alerts.watchdog.WatchdogService;
import org.hearth.config.HearthConfig;
import org.hearth.heartbeat.Watchdogs;
import org.hearth.models.json.HearthJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth watchdog --config hearth.yaml}: listens to the job's heartbeat from a process of
 * its own and texts the duty line ({@code job-silent}) when the job falls silent, lags or stops
 * checkpointing, and the all-clear when it recovers. Run it beside {@code hearth run}, ideally on
 * another machine: it shares nothing with the job but the broker.
 */
@Command(name = "watchdog", description = "Watch the live job's heartbeat; text the duty line when it is silent or lagging.")
public final class WatchdogCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "hearth.yaml")
    Path config;

    @Option(names = "--for", description = "Stop after this long (default: run until stopped)")
    Duration duration;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        HearthConfig settings = HearthConfig.load(config);
        String alertsYaml = settings.alerts() == null ? null : HearthJson.yaml().writeValueAsString(settings.alerts());
        Path data = Files.createDirectories(settings.dataDir());
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        try (WatchdogService service = Watchdogs.start(settings.mqtt().url(), "hearth-watchdog", settings.watchdog().settings(),
                alertsYaml, data, Clock.systemUTC(), e -> {
                    out.println("hearth watchdog: job-silent " + e.type().wireName() + ": " + e.alert().observed());
                    out.flush();
                })) {
            out.println("hearth watchdog: watching " + org.hearth.alerts.watchdog.JobHeartbeat.TOPIC + " on "
                    + settings.mqtt().url() + "; silent after " + settings.watchdog().silentAfter().toSeconds() + " s");
            out.flush();
            if (duration == null) {
                stop.await();
            } else {
                stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
            JobHealth health = service.watchdog().health();
            out.println("hearth watchdog: stopped; job " + (health == null ? "not judged yet"
                    : health.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " (" + health.observed() + ")")
                    + (service.watchdog().alertOpen() ? ", job-silent alert open" : ""));
        }
        return 0;
    }
}
