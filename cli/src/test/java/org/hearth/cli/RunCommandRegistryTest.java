package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `hearth run` with a broken kit registry: the operator is told which file, line and field, before anything starts. */
class RunCommandRegistryTest {

    @TempDir
    Path dir;

    @Test
    void aBrokenRegistryIsReportedUnderItsOwnFileName() throws Exception {
        Files.writeString(dir.resolve("kit.yaml"), """
                homes:
                  - id: h1
                    timezone: Europe/London
                    resident: {id: r1, alias: "J.S."}
                    sensors:
                      - {id: pir-kitchen, kind: moton, room: kitchen}
                """);
        Files.writeString(dir.resolve("hearth.yaml"), """
                homes: kit.yaml
                mqtt:
                  url: tcp://127.0.0.1:1
                dataDir: data
                """);

        CliRun run = CliRun.of("run", "--config", dir.resolve("hearth.yaml").toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("kit.yaml:6").contains("moton").doesNotContain("homes.yaml");
        assertThat(dir.resolve("data")).as("refused before anything was set up").doesNotExist();
    }
}
