package org.hearth.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hearth.replay.ReplayFormat;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What {@code hearth replay} and {@code hearth backtest} share: the history they run the detection
 * job over (event files, their format, the registry, how far out of order events may be, the
 * detection parallelism) and the checks on it. Each command adds its own thresholds and outputs.
 */
abstract class EventFilesCommand implements Callable<Integer> {

    @Option(names = "--events", required = true, arity = "1..*", description = "event files (merged by event time)")
    List<Path> events = new ArrayList<>();

    @Option(names = "--format", defaultValue = "native", description = "native (JSONL), casas, or mqtt (raw messages from hearth capture)")
    String format;

    @Option(names = "--homes", required = true, description = "the kit registry, e.g. homes.yaml")
    Path homes;

    @Option(names = "--lateness", defaultValue = "5m", description = "how far out of time order events may be within a file (default 5m)")
    Duration lateness;

    @Option(names = "--parallelism", defaultValue = "1", description = "parallelism of the detection operators (default 1)")
    int parallelism;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The format named by {@code --format}, once every events file is known to be readable. */
    ReplayFormat readableEvents() {
        ReplayFormat replayFormat = ReplayFormat.fromName(format);
        for (Path f : events) {
            readable(f, "events file");
        }
        return replayFormat;
    }

    /** {@code file}, or a {@link UserError} naming {@code what} when it cannot be read. */
    static Path readable(Path file, String what) {
        if (!Files.isReadable(file)) {
            throw new UserError("cannot read " + what + " " + file);
        }
        return file;
    }
}
