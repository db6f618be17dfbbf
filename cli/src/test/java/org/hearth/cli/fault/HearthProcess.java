package org.hearth.cli.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hearth run --config ...} as operators run it: its own JVM (the classes of this build, the
 * JVM options of the {@code hearth} script), its console in a log file per start. Stopped with
 * {@code kill -9} or SIGTERM, as a crash, systemd or an operator would.
 */
final class HearthProcess {

    private static final String[] OPENS = {"java.lang", "java.lang.reflect", "java.net", "java.io", "java.nio", "sun.nio.ch",
            "java.text", "java.time", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "java.util.concurrent.locks"};

    private final Process process;
    private final Path log;

    private HearthProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static HearthProcess start(Path config, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        for (String p : OPENS) {
            command.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
        }
        // The test classpath carries Flink's log4j2-test file (everything off): use hearth's own console settings.
        java.net.URL console = HearthProcess.class.getResource("/log4j2.properties");
        if (console != null) {
            command.add("-Dlog4j2.configurationFile=" + console);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.hearth.cli.HearthCommand");
        command.addAll(List.of("run", "--config", config.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).directory(config.getParent().toFile()).start();
        return new HearthProcess(p, log);
    }

    /** Waits until the console shows {@code text} (or the process ends). */
    boolean awaitLog(String text, Duration limit) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return Files.readString(log).contains(text);
            }
            Thread.sleep(200);
        }
        return false;
    }

    String console() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    boolean alive() {
        return process.isAlive();
    }

    /** {@code kill -9}: no savepoint, no flush, nothing. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: Hearth stops with a savepoint. Returns the exit code. */
    int terminate(Duration limit) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            return -1;
        }
        return process.exitValue();
    }
}
