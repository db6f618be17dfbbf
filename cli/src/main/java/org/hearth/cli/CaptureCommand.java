package org.hearth.cli;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.hearth.installer.capture.CaptureRecorder;
import org.hearth.installer.mqtt.BrokerException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth capture --broker URL [--topics F...] --out capture.jsonl [--for D] [--count N]}:
 * records raw messages from any broker (with {@code hearth run}'s login options) for
 * {@code hearth replay --format mqtt}. Stops after {@code --for}, after {@code --count} messages, on
 * Ctrl-C, or when the broker goes away; the file is complete in every case.
 */
@Command(name = "capture", description = "Record raw MQTT messages (topic, payload, QoS, retained, receive time) from a broker into a file for 'hearth replay --format mqtt'.")
final class CaptureCommand implements Callable<Integer> {

    @CommandLine.Mixin
    MqttOptions mqtt;

    @Option(names = "--topics", split = ",", arity = "1..*", paramLabel = "FILTER",
            description = "topic filters to record, comma or space separated (default: # — everything the login may read)")
    List<String> topics = new ArrayList<>(List.of("#"));

    @Option(names = "--out", required = true, description = "where to write the capture (JSON lines)")
    Path out;

    @Option(names = "--for", defaultValue = "3650d", description = "stop after this long (default: until Ctrl-C)")
    Duration duration;

    @Option(names = "--count", defaultValue = "0", description = "stop after this many messages (default: no limit)")
    long count;

    /** The clock that stamps receive times; a field so tests can supply their own. */
    Clock clock = Clock.systemUTC();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (count < 0) {
            throw new UserError("--count must be 0 (no limit) or more, got " + count);
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String url = mqtt.url();
        CountDownLatch stop = new CountDownLatch(1);
        Thread onCtrlC = new Thread(stop::countDown, "hearth-capture-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        CaptureRecorder.Result result;
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            spec.commandLine().getErr().println("capture: recording " + topics + " from " + url + " into " + out
                    + (count > 0 ? " (" + count + " messages at most)" : "") + "; Ctrl-C to stop");
            result = new CaptureRecorder(clock).capture(url, mqtt.security(), topics, writer, duration, count, stop);
        } catch (BrokerException e) {
            throw new UserError(e.getMessage());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running
            }
        }
        spec.commandLine().getOut().printf(java.util.Locale.ROOT, "capture: %,d messages on %d topic filter(s) from %s into %s, %.1f s%s%n",
                result.messages(), topics.size(), url, out, result.elapsed().toMillis() / 1000.0,
                result.brokerLost() ? " (the broker closed the connection)" : "");
        return result.brokerLost() ? 2 : 0;
    }
}
