package org.hearth.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The completed checkpoints and savepoints kept under {@code flink.checkpointDir}, newest first.
 *
 * <p>Flink writes a checkpoint as {@code {dir}/{jobId}/chk-N/_metadata} (its incremental RocksDB
 * files under {@code {jobId}/shared}), and Hearth's savepoints as
 * {@code {dir}/savepoints/savepoint-.../_metadata}. A directory without {@code _metadata} is a
 * checkpoint that never completed. Every {@code hearth run} is a new Flink job, so each start adds
 * a job directory beside the old ones: {@link #prune} keeps the newest few.
 */
public final class RetainedStates {

    /** Where Hearth writes savepoints (stop on SIGTERM), under the checkpoint directory. */
    public static final String SAVEPOINTS = "savepoints";
    static final String METADATA = "_metadata";

    private final Path root;
    private final List<RetainedState> states;

    private RetainedStates(Path root, List<RetainedState> states) {
        this.root = root;
        this.states = states;
    }

    /** Reads what {@code checkpointDir} holds; an absent directory holds nothing. */
    public static RetainedStates in(Path checkpointDir) {
        List<RetainedState> found = new ArrayList<>();
        if (Files.isDirectory(checkpointDir)) {
            try (Stream<Path> jobs = Files.list(checkpointDir)) {
                for (Path job : jobs.filter(Files::isDirectory).toList()) {
                    boolean savepoints = job.getFileName().toString().equals(SAVEPOINTS);
                    try (Stream<Path> children = Files.list(job)) {
                        for (Path dir : children.filter(Files::isDirectory).toList()) {
                            String name = dir.getFileName().toString();
                            Path metadata = dir.resolve(METADATA);
                            if (savepoints && name.startsWith("savepoint-") && Files.isRegularFile(metadata)) {
                                found.add(new RetainedState(dir, RetainedState.Kind.SAVEPOINT, dir, modified(metadata)));
                            } else if (!savepoints && name.startsWith("chk-") && Files.isRegularFile(metadata)) {
                                found.add(new RetainedState(dir, RetainedState.Kind.CHECKPOINT, job, modified(metadata)));
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the checkpoint directory " + checkpointDir, e);
            }
        }
        found.sort(Comparator.comparing(RetainedState::takenAt).reversed()
                .thenComparing(s -> s.dir().toString(), Comparator.reverseOrder()));
        return new RetainedStates(checkpointDir, List.copyOf(found));
    }

    /** Newest first. */
    public List<RetainedState> all() {
        return states;
    }

    public Optional<RetainedState> latest() {
        return states.stream().findFirst();
    }

    /**
     * Deletes all but the newest {@code keep} completed checkpoints and savepoints, the job
     * directories left with none of them (with their incomplete {@code chk-N} and {@code shared}
     * files), and the incomplete checkpoints of the job directories kept. Call it before the job
     * starts: it treats every job directory as finished.
     *
     * @return the directories deleted
     */
    public List<Path> prune(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one checkpoint, got " + keep);
        }
        List<RetainedState> kept = states.subList(0, Math.min(keep, states.size()));
        Set<Path> keptDirs = new HashSet<>();
        Set<Path> keptJobs = new HashSet<>();
        for (RetainedState s : kept) {
            keptDirs.add(s.dir());
            keptJobs.add(s.jobDir());
        }
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return deleted;
        }
        try (Stream<Path> jobs = Files.list(root)) {
            for (Path job : jobs.filter(Files::isDirectory).toList()) {
                if (job.getFileName().toString().equals(SAVEPOINTS)) {
                    try (Stream<Path> children = Files.list(job)) {
                        for (Path sp : children.filter(Files::isDirectory).toList()) {
                            if (!keptDirs.contains(sp)) {
                                delete(sp, deleted);
                            }
                        }
                    }
                } else if (!keptJobs.contains(job)) {
                    delete(job, deleted);
                } else {
                    try (Stream<Path> children = Files.list(job)) {
                        for (Path chk : children.filter(p -> p.getFileName().toString().startsWith("chk-")).toList()) {
                            if (!keptDirs.contains(chk)) {
                                delete(chk, deleted);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune the checkpoint directory " + root, e);
        }
        return deleted;
    }

    private static void delete(Path dir, List<Path> deleted) throws IOException {
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        deleted.add(dir);
    }

    private static java.time.Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
