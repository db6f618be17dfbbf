package org.hearth.jobjar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The jar that {@code flink run} takes (after {@code package}): Hearth's classes are in it, Flink's are
 * not, because the cluster provides them and a second copy in the job's class loader is what breaks
 * a job on a cluster.
 */
class HearthJobJarIT {

    private static final Path JAR = Path.of("target", "hearth-job.jar");

    @Test
    void holdsHearthsCommandLineAndJobs_andNoFlinkClasses() throws IOException {
        assertThat(JAR).exists();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("org/hearth/cli/HearthCommand.class", "org/hearth/live/LiveJob.class",
                    "org/hearth/job/HomeDetector.class", "org/hearth/ingest/source/MqttSource.class",
                    "org/hearth/storage/write/StorageWriter.class", "org/hearth/installer/status/StatusSink.class");
            assertThat(names).filteredOn(n -> n.startsWith("org/apache/flink/")).isEmpty();
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("org.hearth.cli.HearthCommand");
        }
        assertThat(Files.size(JAR)).as("smaller than the self-contained hearth.jar").isLessThan(Files.size(Path.of("..", "cli", "target", "hearth.jar")));
    }
}
