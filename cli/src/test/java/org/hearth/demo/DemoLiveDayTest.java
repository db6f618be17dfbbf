package org.hearth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's own path (embedded HiveMQ, the live job on a MiniCluster, the simulator publishing a
 * history and then a live day on the demo's accelerated clock), on a short schedule: one day of
 * history and a whole live day at 3600x, for homes that live an ordinary day through a perfect radio.
 * Nothing there may be judged late, so nothing may look silent either.
 *
 * <p>Before the fix, the demo's clock ran 120x faster than real time while the live job's budgets for
 * real delays (2 min allowed lateness) stayed in the clock's time: 1 s of real delivery time at 120x,
 * less than the embedded broker's delivery when acknowledgements wait for a checkpoint. A 4-minute
 * demo judged ~870 readings of the live day's first hours late and texted sensor-offline ("silent
 * since 05:xx"), no-kettle and not-up for homes living normally. This test failed then with hundreds
 * of late readings and hub- and sensor-offline texts.
 */
class DemoLiveDayTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(300) // a guard against a hang only: the run takes ~40 s on a quiet machine
    void liveDay_judgesNoReadingLateAndTextsNothingForHomesLivingNormally() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Path outbox = dir.resolve("outbox").resolve("sms.jsonl");
        DemoRunner.Options options = new DemoRunner.Options(2, 3600, null, 7, dir.resolve("demo"), outbox, 1, true);

        long began = System.nanoTime();
        DemoRunner.Summary summary = new DemoRunner(options, new PrintStream(console, true, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                super.println(String.format("[%5.1fs] %s", (System.nanoTime() - began) / 1e9, line));
            }

            @Override
            public PrintStream printf(String format, Object... args) {
                println(String.format(format, args).stripTrailing());
                return this;
            }
        }, Clock.systemUTC()).run();

        String text = console.toString(StandardCharsets.UTF_8);
        System.out.print(text); // in the surefire report, for a failure's story
        long history = historyMessages(text);
        assertThat(summary.published() - history).as("live-day messages published (the live day ran)").isGreaterThan(500);
        assertThat(summary.late()).as("readings judged late (the console is in the test output)").isZero();
        assertThat(lines(dir.resolve("demo").resolve("data").resolve("late"))).as("late events kept").isZero();
        assertThat(Files.exists(outbox) ? Files.readAllLines(outbox) : java.util.List.<String>of())
                .as("texts for homes living normally").isEmpty();
        assertThat(summary.alerts()).isZero();
    }

    private static long historyMessages(String console) {
        Matcher m = Pattern.compile("history learned \\(([\\d,]+) messages\\)").matcher(console);
        assertThat(m.find()).as("the demo went live; console:%n%s", console).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    private static long lines(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        long n = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                n += Files.readAllLines(f).stream().filter(l -> !l.isBlank()).count();
            }
        }
        return n;
    }
}
