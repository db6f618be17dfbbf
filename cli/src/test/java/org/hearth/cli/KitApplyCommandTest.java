package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.installer.control.RegistryApplier;
import org.hearth.installer.control.RegistryControl;
import org.hearth.installer.testing.Mosquitto;
import org.hearth.installer.testing.TestHome;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.RegistryLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth kit apply} publishes the registry retained; the detection job's record reads it back. */
class KitApplyCommandTest {

    @RegisterExtension
    final Mosquitto broker = new Mosquitto();

    @TempDir
    Path dir;

    @Test
    void apply_publishesVersionsWithTheirDiffAndSkipsARepeat() throws Exception {
        Path homes = Files.writeString(dir.resolve("homes.yaml"), TestHome.YAML);

        CliRun first = CliRun.of("kit", "apply", "--homes", homes.toString(), "--broker", broker.url());
        CliRun again = CliRun.of("kit", "apply", "--homes", homes.toString(), "--broker", broker.url());
        String swapped = TestHome.YAML.replace("device: front_door", "device: front_door_v2");
        Files.writeString(homes, swapped);
        CliRun swap = CliRun.of("kit", "apply", "--homes", homes.toString(), "--broker", broker.url());

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).isEqualTo("""
                home h1 added: learning starts
                home h2 added: learning starts
                hearth kit apply: homes.yaml published as version 1 on hearth/control/registry (2 home(s))
                """);
        assertThat(again.out()).isEqualTo("hearth kit apply: homes.yaml is already applied (version 1); nothing published\n");
        assertThat(swap.out()).isEqualTo("""
                home h1: sensor front-door changed (device): baseline kept
                hearth kit apply: homes.yaml published as version 2 on hearth/control/registry (2 home(s))
                """);

        RegistryControl retained = new RegistryApplier(Clock.systemUTC()).current(broker.url(), Duration.ofSeconds(2));
        assertThat(retained.version()).isEqualTo(2);
        assertThat(retained.text()).isEqualTo(swapped);
        assertThat(new RegistryLoader().parse("homes.yaml", retained.text()).home("h1").orElseThrow()
                .sensor("front-door").orElseThrow().device()).isEqualTo("front_door_v2");
        // The detection job's own control record reads the message as published.
        ControlMessage asJobReadsIt = HearthJson.json().readValue(retained.toJson(), ControlMessage.class);
        assertThat(asJobReadsIt).isEqualTo(ControlMessage.homes(swapped));
    }

    @Test
    void apply_brokenRegistryPublishesNothingAndExitsOne() throws Exception {
        Path homes = Files.writeString(dir.resolve("homes.yaml"), TestHome.YAML.replace("kind: bed,", "kind: bedd,"));

        CliRun run = CliRun.of("kit", "apply", "--homes", homes.toString(), "--broker", "tcp://127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error homes.yaml:").contains("unknown kind 'bedd'");
        assertThat(run.out()).isEqualTo("hearth kit apply: homes.yaml has 1 error(s); nothing published\n");
    }
}
