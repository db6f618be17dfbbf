package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KitValidateCommandTest {

    private static final String COMPLETE_HOME = """
            homes:
              - id: h1
                timezone: Europe/London
                resident: {id: r1, alias: "J.S."}
                sensors:
                  - {id: bed, kind: bed, room: bedroom, role: bed}
                  - {id: kitchen-plug, kind: power, room: kitchen, role: kettle}
                  - {id: pir-kitchen, kind: motion, room: kitchen}
                  - {id: pir-bathroom, kind: motion, room: bathroom, role: bathroom}
                  - {id: front-door, kind: contact, room: hall, role: front-door}
                  - {id: button, kind: button, room: hall, role: help-button}
                carers:
                  - {name: Sam, phone: "+447700900123", quietHours: "22:00-07:00"}
            """;

    @TempDir
    Path dir;

    @Test
    void validate_completeKitRunsEveryRule() throws Exception {
        CliRun run = CliRun.of("kit", "validate", "--homes", write(COMPLETE_HOME).toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("home h1: 6 sensors; every rule can run")
                .contains("hearth kit validate: homes.yaml is valid: 1 home(s), 0 with an incomplete kit");
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).doesNotContain("weakened");
    }

    @Test
    void validate_missingFrontDoorSaysStillnessWillTakeOutingsForStillness() throws Exception {
        String noDoor = COMPLETE_HOME.replace("      - {id: front-door, kind: contact, room: hall, role: front-door}\n", "");

        CliRun run = CliRun.of("kit", "validate", "--homes", write(noDoor).toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("""
                  not-home: needs a door contact with role front-door
                  stillness runs, but weakened: no front-door contact: outings cannot be told from stillness, \
                so an outing by day longer than stillness's day ceiling (at most 2 h 30 min, 2 h 50 min for a \
                person sometimes still that long; less for a person whose own long silences by day end sooner) \
                is raised as no movement
                """);
        assertThat(run.err()).contains("no front-door contact (role front-door)");
    }

    @Test
    void validate_doorWithoutItsRoleSaysItCanBeLearnedFromTheOutings() throws Exception {
        String plainDoor = COMPLETE_HOME.replace("{id: front-door, kind: contact, room: hall, role: front-door}",
                "{id: front-door, kind: contact, room: hall}\n      - {id: bathroom-door, kind: contact, room: bathroom}");

        CliRun run = CliRun.of("kit", "validate", "--homes", write(plainDoor).toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("is raised as no movement; until the door is learned: front-door can be learned as"
                + " the door from the resident's own outings (out through it, the home silent for 30 min or more, back in"
                + " through it, several times), or give the door role front-door\n");
        assertThat(run.out()).doesNotContain("bathroom-door can"); // a bathroom door shut for a bath is no way out
        assertThat(run.out()).contains("  not-home: needs a door contact with role front-door, until one is learned (see stillness)\n")
                .contains("  night-door: needs a door contact with role front-door\n");
    }

    @Test
    void validate_weakenedStillnessTellsTheCeilingOfTheHomesOwnCohort() throws Exception {
        String frailNoDoor = COMPLETE_HOME
                .replace("      - {id: front-door, kind: contact, room: hall, role: front-door}\n", "")
                .replace("    resident: {id: r1, alias: \"J.S.\"}\n", "    resident: {id: r1, alias: \"J.S.\"}\n    cohort: frail\n");
        Path thresholds = Files.writeString(dir.resolve("thresholds.yaml"), """
                version: 1
                cohorts:
                  frail:
                    stillness: {dayCeiling: 2h, dayCeilingStretched: 135m}
                """);

        CliRun run = CliRun.of("kit", "validate", "--homes", write(frailNoDoor).toString(),
                "--thresholds", thresholds.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("so an outing by day longer than stillness's day ceiling (at most 2 h, 2 h 15 min for a "
                + "person sometimes still that long; less for a person whose own long silences by day end sooner) is raised "
                + "as no movement");
    }

    @Test
    void validate_weakenedStillnessWithoutACeilingSaysTheLearnedLimitDecides() throws Exception {
        String noDoor = COMPLETE_HOME.replace("      - {id: front-door, kind: contact, room: hall, role: front-door}\n", "");
        Path thresholds = Files.writeString(dir.resolve("thresholds.yaml"), """
                version: 1
                defaults:
                  stillness: {dayCeiling: 0m}
                """);

        CliRun run = CliRun.of("kit", "validate", "--homes", write(noDoor).toString(), "--thresholds", thresholds.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("so an outing longer than the person's learned limit for the room they were "
                + "last seen in is raised as no movement").doesNotContain("day ceiling");
    }

    @Test
    void validate_brokenThresholdsFileNamesFileLineAndField() throws Exception {
        Path thresholds = Files.writeString(dir.resolve("thresholds.yaml"), """
                version: 1
                defaults:
                  stillness: {dayCeiling: soon}
                """);

        CliRun run = CliRun.of("kit", "validate", "--homes", write(COMPLETE_HOME).toString(),
                "--thresholds", thresholds.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("thresholds.yaml:3:").contains("dayCeiling");
    }

    @Test
    void validate_missingKettleSaysWhichRulesCannotRunAndWhere() throws Exception {
        String noKettle = COMPLETE_HOME.replace("      - {id: kitchen-plug, kind: power, room: kitchen, role: kettle}\n", "");

        CliRun lenient = CliRun.of("kit", "validate", "--homes", write(noKettle).toString());
        CliRun strict = CliRun.of("kit", "validate", "--strict", "--homes", write(noKettle).toString());

        assertThat(lenient.exitCode()).isZero();
        assertThat(lenient.out()).contains("""
                home h1: 5 sensors; 2 rule(s) cannot run:
                  no-kettle: needs a plug with role kettle
                  kettle-trend: needs a plug with role kettle
                """);
        assertThat(lenient.err()).isEqualTo("warning homes.yaml:5: home h1, sensors: no kettle plug (role kettle)\n");
        assertThat(strict.exitCode()).isEqualTo(1);
    }

    @Test
    void validate_errorsNameFileLineHomeAndFieldAndExitNonZero() throws Exception {
        String broken = COMPLETE_HOME.replace("+447700900123", "07700900123").replace("kind: bed,", "kind: bedd,");

        CliRun run = CliRun.of("kit", "validate", "--homes", write(broken).toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error homes.yaml:6: home h1, sensors[0].kind: unknown kind 'bedd'");
        assertThat(run.out()).contains("homes.yaml has 1 error(s)");
    }

    @Test
    void validate_missingFileIsAClearUserError() {
        CliRun run = CliRun.of("kit", "validate", "--homes", dir.resolve("nope.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("hearth validate: no such file: ").contains("nope.yaml");
    }

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("homes.yaml"), text);
    }
}
