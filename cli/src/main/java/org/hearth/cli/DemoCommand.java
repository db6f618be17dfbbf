package org.hearth.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hearth demo [--homes N] [--speed X] [--for DURATION]}: everything embedded. */
@Command(name = "demo", description = "Run everything embedded: MQTT broker, Flink, simulated homes; texts go to outbox/sms.jsonl.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--homes", defaultValue = "5", description = "simulated homes (default ${DEFAULT-VALUE})")
    int homes;

    @Option(names = "--speed", defaultValue = "120", description = "simulated seconds per real second on the live day (default ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--for", description = "stop after this long, e.g. 5m (default: when the live day ends)")
    Duration runFor;

    @Option(names = "--seed", defaultValue = "1", description = "the simulation's seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--dir", defaultValue = "hearth-demo", description = "working folder, emptied at start (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--outbox", defaultValue = "outbox/sms.jsonl", description = "where texts go (default ${DEFAULT-VALUE})")
    Path outbox;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (homes < 1 || homes > 200) {
            throw new UserError("--homes must be between 1 and 200 for the demo (use hearth simulate for load)");
        }
        if (!(speed > 0) || speed > 3600) {
            throw new UserError("--speed must be above 0 and at most 3600");
        }
        var summary = org.hearth.demo.DemoCommands.run(homes, speed, runFor, seed, dir, outbox, spec.commandLine().getOut());
        spec.commandLine().getOut().println(summary);
        return 0;
    }
}
