package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hearth.ingest.source.MqttSecurity;
import org.hearth.installer.control.RegistryApplier;
import org.hearth.installer.control.RegistryControl;
import org.hearth.models.status.HomeStatus;
import org.hearth.models.status.LearningState;
import org.hearth.installer.status.StatusPublisher;
import org.hearth.installer.testing.Mosquitto;
import org.hearth.installer.testing.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer commands log in as {@code hearth run} does, on a Mosquitto that refuses anonymous
 * clients (a password file made with {@code mosquitto_passwd}): the password from a file, from an
 * environment variable, or from {@code hearth run}'s own {@code hearth.yaml}; never as an option value.
 */
class InstallerLoginTest {

    private static final String USER = "installer";
    private static final String PASSWORD = "pa55-for-tests";
    private static final MqttSecurity LOGIN = MqttSecurity.password(USER, PASSWORD);

    @RegisterExtension
    static final Mosquitto BROKER = new Mosquitto().withUser(USER, PASSWORD);

    @TempDir
    Path dir;

    @Test
    void status_withAPasswordFileReadsTheRetainedStatusesAndWithoutALoginIsRefused() throws Exception {
        HomeStatus status = new HomeStatus("h1", LearningState.LEARNING, 2, 7, null, List.of(), List.of(),
                Instant.parse("2026-11-23T09:05:00Z"));
        try (StatusPublisher publisher = StatusPublisher.connect(BROKER.url(), LOGIN)) {
            publisher.publish(status);
        }
        Path passwordFile = Files.writeString(dir.resolve("mqtt-password"), PASSWORD + "\n");

        CliRun in = CliRun.of("status", "--broker", BROKER.url(), "--username", USER, "--password-file", passwordFile.toString());
        CliRun anonymous = CliRun.of("status", "--broker", BROKER.url());
        CliRun wrong = CliRun.withEnvironment(Map.of("MQTT_PW", "wrong"),
                "status", "--broker", BROKER.url(), "--username", USER, "--password-env", "MQTT_PW");

        assertThat(in.exitCode()).as(in.err()).isZero();
        assertThat(in.out()).containsPattern("h1\\s+learning 2 of 7 days").contains("1 home(s)");
        assertThat(anonymous.exitCode()).isEqualTo(2);
        assertThat(anonymous.err()).contains("cannot connect to the MQTT broker at " + BROKER.url());
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("cannot connect to the MQTT broker at " + BROKER.url()).doesNotContain("wrong");
    }

    @Test
    void kitApply_takesTheBrokerAndLoginFromHearthRunsConfigWithThePasswordFromTheEnvironment() throws Exception {
        Path homes = Files.writeString(dir.resolve("homes.yaml"), TestHome.YAML);
        Path config = Files.writeString(dir.resolve("hearth.yaml"), String.join("\n",
                "homes: homes.yaml",
                "mqtt:",
                "  url: " + BROKER.url(),
                "  username: " + USER,
                "  passwordEnv: HEARTH_MQTT_PASSWORD",
                ""));

        CliRun unset = CliRun.withEnvironment(Map.of(), "kit", "apply", "--homes", homes.toString(), "--config", config.toString());
        CliRun apply = CliRun.withEnvironment(Map.of("HEARTH_MQTT_PASSWORD", PASSWORD),
                "kit", "apply", "--homes", homes.toString(), "--config", config.toString());

        assertThat(unset.exitCode()).isEqualTo(2);
        assertThat(unset.err()).contains("hearth.yaml: mqtt.passwordEnv names the environment variable HEARTH_MQTT_PASSWORD, which is not set");
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("published as version 1 on " + RegistryControl.TOPIC);
        RegistryControl retained = new RegistryApplier(Clock.systemUTC()).current(BROKER.url(), LOGIN, Duration.ofSeconds(2));
        assertThat(retained.version()).isEqualTo(1);
        assertThat(retained.text()).isEqualTo(TestHome.YAML);
    }

    @Test
    void kitCheck_withAPasswordFromTheEnvironmentListensAndWithoutOneIsRefused() throws Exception {
        Path homes = Files.writeString(dir.resolve("homes.yaml"), TestHome.YAML);

        CliRun check = CliRun.withEnvironment(Map.of("MQTT_PW", PASSWORD), "kit", "check", "--home", "h1",
                "--homes", homes.toString(), "--broker", BROKER.url(), "--username", USER, "--password-env", "MQTT_PW", "--for", "1s");
        CliRun anonymous = CliRun.of("kit", "check", "--home", "h1", "--homes", homes.toString(), "--broker", BROKER.url(), "--for", "1s");

        assertThat(check.out()).contains("listening on").contains("at " + BROKER.url())
                .contains("hearth kit check: home h1: 0 of 7 sensors reporting");
        assertThat(check.exitCode()).isEqualTo(1); // logged in; every sensor silent (nobody plays the kit)
        assertThat(anonymous.exitCode()).isEqualTo(2);
        assertThat(anonymous.err()).contains("cannot connect to the MQTT broker at " + BROKER.url());
    }

    @Test
    void options_aPasswordNeedsAUserNameAndIsGivenOnce() throws Exception {
        Path passwordFile = Files.writeString(dir.resolve("mqtt-password"), PASSWORD);

        CliRun noUser = CliRun.of("status", "--broker", BROKER.url(), "--password-file", passwordFile.toString());
        CliRun twice = CliRun.withEnvironment(Map.of("MQTT_PW", PASSWORD), "status", "--broker", BROKER.url(),
                "--username", USER, "--password-file", passwordFile.toString(), "--password-env", "MQTT_PW");
        CliRun unset = CliRun.withEnvironment(Map.of(), "status", "--broker", BROKER.url(), "--username", USER, "--password-env", "MQTT_PW");

        assertThat(noUser.exitCode()).isEqualTo(2);
        assertThat(noUser.err()).contains("an MQTT password needs a user name: add --username");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("--password-env or --password-file, not both");
        assertThat(unset.exitCode()).isEqualTo(2);
        assertThat(unset.err()).contains("--password-env names the environment variable MQTT_PW, which is not set");
        assertThat(noUser.err() + twice.err() + unset.err()).doesNotContain(PASSWORD);
    }
}
