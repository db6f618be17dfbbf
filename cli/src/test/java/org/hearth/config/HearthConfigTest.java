package org.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HearthConfigTest {

    @TempDir
    Path dir;

    @Test
    void load_readsDurationsDefaultsAndRelativePaths() throws Exception {
        Path file = Files.writeString(dir.resolve("hearth.yaml"), """
                homes: homes.yaml
                mqtt:
                  url: tcp://localhost:1883
                  username: hearth
                  passwordEnv: HEARTH_MQTT_PASSWORD
                flink:
                  checkpointInterval: 20s
                time:
                  allowedLateness: 5m
                """);

        HearthConfig config = HearthConfig.load(file);

        assertThat(config.homes()).isEqualTo(dir.toAbsolutePath().resolve("homes.yaml"));
        assertThat(config.mqtt().topics()).isEqualTo(HearthConfig.Mqtt.DEFAULT_TOPICS);
        assertThat(config.mqtt().sessionExpiry()).isEqualTo(Duration.ofDays(1));
        assertThat(config.flink().checkpointInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.flink().stateBackend()).isEqualTo("rocksdb");
        assertThat(config.flink().managedMemory()).hasToString("2 gb");
        assertThat(config.time().allowedLateness()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.time().careDayStartHour()).isEqualTo(12);
        assertThat(config.dataDir()).isEqualTo(dir.toAbsolutePath().resolve("hearth-data"));
    }

    @Test
    void parse_checkpointsEveryTenSecondsUnlessTold() {
        HearthConfig config = new ConfigFileReader().parse("hearth.yaml", """
                homes: homes.yaml
                mqtt: {url: "tcp://localhost:1883"}
                """, HearthConfig.class);

        // 100,002 homes' morning peak fills one reader's acknowledge window within 30 s, not within 10 s (AckWindow)
        assertThat(config.flink().checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(new AckWindow(100_002, config.flink().parallelism(), 65_535, config.flink().checkpointInterval()).exceeded()).isFalse();
    }

    @Test
    void parse_connectionsPerReaderIsOneUnlessTold_andAutoCountsTheHomes() {
        HearthConfig untold = new ConfigFileReader().parse("hearth.yaml", """
                homes: homes.yaml
                mqtt: {url: "tcp://localhost:1883"}
                """, HearthConfig.class);
        assertThat(untold.mqtt().connectionsPerReader()).isEqualTo("1");
        assertThat(untold.mqtt().connectionsPerReader(300_000, 1, 65_535, Duration.ofSeconds(10))).isEqualTo(1);

        HearthConfig auto = new ConfigFileReader().parse("hearth.yaml", """
                homes: homes.yaml
                mqtt: {url: "tcp://localhost:1883", connectionsPerReader: auto}
                """, HearthConfig.class);
        assertThat(auto.mqtt().connectionsPerReader()).isEqualTo("auto");
        assertThat(auto.mqtt().connectionsPerReader(100_002, 1, 65_535, Duration.ofSeconds(10))).isEqualTo(1);
        assertThat(auto.mqtt().connectionsPerReader(300_000, 1, 65_535, Duration.ofSeconds(10))).isEqualTo(2);

        HearthConfig three = new ConfigFileReader().parse("hearth.yaml", """
                homes: homes.yaml
                mqtt: {url: "tcp://localhost:1883", connectionsPerReader: 3}
                """, HearthConfig.class);
        assertThat(three.mqtt().connectionsPerReader(10, 1, 65_535, Duration.ofSeconds(10))).isEqualTo(3);

        for (String bad : List.of("0", "17", "many")) {
            assertThatThrownBy(() -> new ConfigFileReader().parse("hearth.yaml", """
                    homes: homes.yaml
                    mqtt: {url: "tcp://localhost:1883", connectionsPerReader: %s}
                    """.formatted(bad), HearthConfig.class))
                    .hasMessageContaining("hearth.yaml:2").hasMessageContaining("mqtt.connectionsPerReader must be auto or 1..16");
        }
    }

    @Test
    void parse_typoInAKeyNamesFileLineAndField() {
        assertThatThrownBy(() -> new ConfigFileReader().parse("hearth.yaml", """
                homes: homes.yaml
                mqtt:
                  url: tcp://localhost:1883
                  usrname: hearth
                """, HearthConfig.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hearth.yaml:4: mqtt.usrname: unknown key 'usrname'");
    }

    @Test
    void parse_badDurationNamesFileLineAndField() {
        assertThatThrownBy(() -> new ConfigFileReader().parse("hearth.yaml", """
                homes: homes.yaml
                mqtt: {url: "tcp://localhost:1883"}
                flink:
                  checkpointInterval: 30 seconds
                """, HearthConfig.class))
                .hasMessageStartingWith("hearth.yaml:4: flink.checkpointInterval: '30 seconds' is not a duration");
    }

    @Test
    void parse_badManagedMemoryNamesFileLineAndField() {
        assertThatThrownBy(() -> new ConfigFileReader().parse("hearth.yaml", """
                homes: homes.yaml
                mqtt: {url: "tcp://localhost:1883"}
                flink:
                  managedMemory: lots
                """, HearthConfig.class))
                .hasMessageStartingWith("hearth.yaml:4: flink.managedMemory: 'lots' is not a memory size (like 512m or 2g)");
        assertThatThrownBy(() -> new ConfigFileReader().parse("hearth.yaml", """
                homes: homes.yaml
                mqtt: {url: "tcp://localhost:1883"}
                flink: {managedMemory: 1m}
                """, HearthConfig.class))
                .hasMessageStartingWith("hearth.yaml:3: flink.managedMemory: '1m' is too small: at least 64m");
    }

    @Test
    void parse_invalidValueNamesTheRule() {
        assertThatThrownBy(() -> new ConfigFileReader().parse("hearth.yaml", """
                homes: homes.yaml
                mqtt:
                  url: localhost:1883
                """, HearthConfig.class))
                .hasMessageStartingWith("hearth.yaml:")
                .hasMessageContaining("mqtt.url must start with tcp:// or ssl://");
    }

    @Test
    void parse_readsTheStorageSectionWithItsDefaults() {
        HearthConfig config = new ConfigFileReader().parse("hearth.yaml", """
                homes: homes.yaml
                mqtt: {url: "tcp://localhost:1883"}
                storage:
                  url: http://influxdb:8086
                  bucket: hearth
                  tokenEnv: HEARTH_INFLUX_TOKEN
                  retryBackoff: 500ms
                """, HearthConfig.class);

        assertThat(config.storage().url()).isEqualTo("http://influxdb:8086");
        assertThat(config.storage().retryBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.storage().rawBufferLimit()).isEqualTo(100_000);
    }

    @Test
    void parse_storageWithoutBucketNamesTheField() {
        assertThatThrownBy(() -> new ConfigFileReader().parse("hearth.yaml", """
                homes: homes.yaml
                mqtt: {url: "tcp://localhost:1883"}
                storage:
                  url: http://influxdb:8086
                """, HearthConfig.class))
                .hasMessageStartingWith("hearth.yaml:3: storage: storage.bucket is required");
    }

    @Test
    void parse_readsTheWatchdogSectionWithItsDefaults() {
        HearthConfig defaults = new ConfigFileReader().parse("hearth.yaml", """
                homes: homes.yaml
                mqtt: {url: "tcp://localhost:1883"}
                """, HearthConfig.class);
        assertThat(defaults.watchdog().settings()).isEqualTo(org.hearth.alerts.watchdog.WatchdogSettings.defaults());
        assertThat(defaults.watchdog().inRun()).isTrue();

        HearthConfig config = new ConfigFileReader().parse("hearth.yaml", """
                homes: homes.yaml
                mqtt: {url: "tcp://localhost:1883"}
                watchdog:
                  heartbeatEvery: 5s
                  silentAfter: 1m
                  maxLag: 20m
                  failedCheckpoints: 5
                  inRun: false
                """, HearthConfig.class);
        assertThat(config.watchdog().settings().heartbeatEvery()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.watchdog().settings().silentAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.watchdog().settings().maxLag()).isEqualTo(Duration.ofMinutes(20));
        assertThat(config.watchdog().settings().failedCheckpoints()).isEqualTo(5);
        assertThat(config.watchdog().settings().checkpointStaleAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.watchdog().inRun()).isFalse();
    }

    @Test
    void parse_watchdogErrorsNameFileLineAndField() {
        assertThatThrownBy(() -> new ConfigFileReader().parse("hearth.yaml", """
                homes: homes.yaml
                mqtt: {url: "tcp://localhost:1883"}
                watchdog:
                  silentAfter: 2m
                  lag: 5m
                """, HearthConfig.class))
                .hasMessageStartingWith("hearth.yaml:5: watchdog.lag: unknown key 'lag'");
        assertThatThrownBy(() -> new ConfigFileReader().parse("hearth.yaml", """
                homes: homes.yaml
                mqtt: {url: "tcp://localhost:1883"}
                watchdog:
                  heartbeatEvery: 1m
                  silentAfter: 90s
                """, HearthConfig.class))
                .hasMessageStartingWith("hearth.yaml:")
                .hasMessageContaining("silentAfter (PT1M30S) must be at least twice heartbeatEvery (PT1M)");
        assertThatThrownBy(() -> new ConfigFileReader().parse("hearth.yaml", """
                homes: homes.yaml
                mqtt: {url: "tcp://localhost:1883"}
                time: {allowedLateness: 30m}
                """, HearthConfig.class))
                .hasMessageContaining("watchdog.maxLag (PT15M) must exceed time.allowedLateness (PT30M)");
    }
}
