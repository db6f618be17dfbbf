package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every command answers {@code --help} with its own usage, not "Unknown option". */
class HelpOptionTest {

    @Test
    void help_worksOnNestedAndTopLevelCommands() {
        CliRun kitCheck = CliRun.of("kit", "check", "--help");
        CliRun replay = CliRun.of("replay", "-h");
        CliRun thresholds = CliRun.of("thresholds", "apply", "--help");

        assertThat(kitCheck.exitCode()).isZero();
        assertThat(kitCheck.out()).startsWith("Usage: hearth kit check").contains("--home");
        assertThat(replay.exitCode()).isZero();
        assertThat(replay.out()).startsWith("Usage: hearth replay").contains("--events");
        assertThat(thresholds.out()).startsWith("Usage: hearth thresholds apply").contains("--thresholds");
        assertThat(kitCheck.err() + replay.err() + thresholds.err()).doesNotContain("Unknown option");
    }
}
