package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hearth.installer.testing.KitPlayer;
import org.hearth.installer.testing.KitPlayer.Device;
import org.hearth.installer.testing.Mosquitto;
import org.hearth.installer.testing.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth kit check} against a real broker, with a publisher playing the home's kit. */
class KitCheckCommandTest {

    @RegisterExtension
    static final Mosquitto BROKER = new Mosquitto();

    @TempDir
    Path dir;

    @Test
    void check_deadSensorAndUnregisteredDevicesGiveTheVerdictAndExitOne() throws Exception {
        CliRun run;
        try (KitPlayer kit = new KitPlayer(BROKER.url(), 200, KitPlayer.h1WithDeadKitchenMotion())) {
            run = CliRun.of("kit", "check", "--home", "h1", "--homes", homes().toString(),
                    "--broker", BROKER.url(), "--for", "2s");
        }

        assertThat(run.err()).isEmpty();
        assertThat(lastLine(run.out())).isEqualTo("hearth kit check: home h1: 6 of 7 sensors reporting; kitchen motion silent;"
                + " 2 unregistered devices talking (0x00158d00045a1b2c, pir-loft)");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("first bathroom motion (pir-bathroom): no motion, battery 91%, link 120")
                .contains("unregistered device 'pir-loft' talking on hearth/h1/pir-loft")
                .doesNotContain("h2");
    }

    @Test
    void check_everyRequiredSensorReportingExitsZero() throws Exception {
        List<Device> all = new ArrayList<>(KitPlayer.h1WithDeadKitchenMotion());
        all.add(new Device("hearth/h1/pir-kitchen", ts -> TestHome.nativeJson(ts, "motion", 0, 77)));
        CliRun run;
        try (KitPlayer kit = new KitPlayer(BROKER.url(), 200, all)) {
            run = CliRun.of("kit", "check", "--home", "h1", "--homes", homes().toString(),
                    "--broker", BROKER.url(), "--for", "2s");
        }

        assertThat(lastLine(run.out())).startsWith("hearth kit check: home h1: 7 of 7 sensors reporting; 2 unregistered");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void check_promptConfirmsRolesFromScriptedAnswersAndTimesOutTheOthers() throws Exception {
        List<Device> reacting = new ArrayList<>(KitPlayer.h1WithDeadKitchenMotion());
        reacting.removeIf(d -> d.topic().startsWith("shellyplus1pm") || d.topic().endsWith("bathroom/pir")
                || d.topic().endsWith("/bed"));
        reacting.add(new Device("shellyplus1pm-kettle1/status/switch:0", ts -> "{\"id\":0,\"apower\":2150.0,\"output\":true}"));
        reacting.add(new Device("zigbee2mqtt/h1/bathroom/pir", ts -> "{\"occupancy\":true,\"battery\":91,\"linkquality\":120}"));
        reacting.add(new Device("hearth/h1/bed", ts -> TestHome.nativeJson(ts, "bed", 1, 80)));
        // Enter for kettle, bathroom, bed and front door (whose contact stays closed); skip the help button.
        Path answers = Files.writeString(dir.resolve("answers.txt"), "\n\n\n\nskip\n");
        CliRun run;
        try (KitPlayer kit = new KitPlayer(BROKER.url(), 150, reacting)) {
            run = CliRun.of("kit", "check", "--home", "h1", "--homes", homes().toString(), "--broker", BROKER.url(),
                    "--for", "1s", "--prompt", "--prompt-timeout", "2s", "--answers", answers.toString());
        }

        assertThat(run.out()).contains("[1/5] Boil the kettle (kettle plug, kitchen-plug). Press Enter when ready, or type skip.")
                .contains("waiting up to 2s for kitchen-plug above 1000 W ...")
                .containsPattern("role kettle confirmed: kitchen-plug above 1000 W after \\ds")
                .containsPattern("role bathroom confirmed: pir-bathroom sees motion after \\ds")
                .containsPattern("role bed confirmed: bed occupied after \\ds")
                .contains("role front-door NOT confirmed: no reaction from front door contact (front-door) within 2s;"
                        + " check it is the device on the front door and in range of its hub")
                .contains("role help-button NOT confirmed: skipped by the installer");
        assertThat(lastLine(run.out())).isEqualTo("hearth kit check: home h1: 6 of 7 sensors reporting; kitchen motion silent;"
                + " 2 unregistered devices talking (0x00158d00045a1b2c, pir-loft);"
                + " roles confirmed 3 of 5 (front-door and help-button not confirmed)");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void check_unknownHomeAndUnreachableBrokerAreUserErrors() throws Exception {
        CliRun unknown = CliRun.of("kit", "check", "--home", "h9", "--homes", homes().toString(), "--broker", BROKER.url());
        CliRun unreachable = CliRun.of("kit", "check", "--home", "h1", "--homes", homes().toString(),
                "--broker", "tcp://127.0.0.1:1", "--for", "1s");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("home 'h9' is not in").contains("[h1, h2]");
        assertThat(unreachable.exitCode()).isEqualTo(2);
        assertThat(unreachable.err()).startsWith("hearth check: cannot connect to the MQTT broker at tcp://127.0.0.1:1");
    }

    private Path homes() throws Exception {
        return Files.writeString(dir.resolve("homes.yaml"), TestHome.YAML);
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }
}
