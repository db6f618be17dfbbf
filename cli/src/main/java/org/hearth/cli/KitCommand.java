package org.hearth.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hearth.models.alert.Rule;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.RegistryException;
import org.hearth.models.registry.RegistryLoader;
import org.hearth.models.registry.RuleCoverage;
import org.hearth.models.threshold.RuleSettings;
import org.hearth.models.threshold.Thresholds;
import org.hearth.models.threshold.ThresholdsException;
import org.hearth.models.threshold.ThresholdsLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hearth kit ...}: what an installer runs before leaving a home. */
@Command(name = "kit", description = "Commission a home's kit: validate the registry, check the sensors live, apply it to the running job.",
        subcommands = {KitCommand.Validate.class, KitCheckCommand.class, KitApplyCommand.class})
public final class KitCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a kit command, e.g. 'hearth kit validate --homes homes.yaml'");
    }

    /**
     * {@code hearth kit validate --homes homes.yaml}: every problem with file, line, home and field,
     * then which rules cannot run in which home and why. Exits 1 on errors; with {@code --strict},
     * also when a home lacks part of the kit the rules need.
     */
    @Command(name = "validate", description = "Check homes.yaml and say which rules cannot run for which home.")
    static final class Validate implements Callable<Integer> {

        @Option(names = "--homes", required = true, description = "the kit registry, e.g. homes.yaml")
        Path homes;

        @Option(names = "--strict", description = "exit non-zero when a home lacks part of the kit the rules need")
        boolean strict;

        @Option(names = "--thresholds", description = "rule settings, e.g. thresholds.yaml (default: built-in); "
                + "what a weakened rule costs is told with each home's own settings")
        Path thresholdsFile;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            String text = Files.readString(homes);
            String file = homes.getFileName().toString();
            RegistryLoader loader = new RegistryLoader();
            KitRegistry registry;
            try {
                registry = loader.parse(file, text);
            } catch (RegistryException e) {
                e.problems().forEach(p -> err.println("error " + p));
                out.println("hearth kit validate: " + file + " has " + e.problems().size() + " error(s)");
                return 1;
            }

            Thresholds thresholds;
            try {
                thresholds = thresholdsFile == null ? ThresholdsLoader.builtIn() : new ThresholdsLoader().load(thresholdsFile);
                for (Home home : registry.homes()) {
                    thresholds.settings(Rule.STILLNESS, home); // a home's overrides naming unknown keys
                }
            } catch (ThresholdsException e) {
                e.problems().forEach(p -> err.println("error " + p));
                out.println("hearth kit validate: " + e.problems().size() + " error(s) in the rule settings");
                return 1;
            }
            int incomplete = 0;
            for (int i = 0; i < registry.homes().size(); i++) {
                Home home = registry.homes().get(i);
                int line = loader.lineOf(text, "/homes/" + i + "/sensors");
                List<String> essentials = RuleCoverage.missingEssentials(home);
                essentials.forEach(m -> err.println("warning " + file + ":" + line + ": home " + home.id() + ", sensors: " + m));
                Map<Rule, String> missing = RuleCoverage.missing(home);
                if (missing.isEmpty()) {
                    out.println("home " + home.id() + ": " + home.sensors().size() + " sensors; every rule can run");
                } else {
                    out.println("home " + home.id() + ": " + home.sensors().size() + " sensors; "
                            + missing.size() + " rule(s) cannot run:");
                    missing.forEach((rule, why) -> out.println("  " + rule.wireName() + ": " + why));
                }
                RuleSettings stillness = thresholds.settings(Rule.STILLNESS, home);
                RuleCoverage.weakened(home, minutes(stillness.param("dayCeiling", 0)),
                        minutes(stillness.param("dayCeilingStretched", 0))).forEach((rule, why) ->
                        out.println("  " + rule.wireName() + " runs, but weakened: " + why));
                if (!essentials.isEmpty()) {
                    incomplete++;
                }
            }
            out.println("hearth kit validate: " + file + " is valid: " + registry.homes().size() + " home(s), "
                    + incomplete + " with an incomplete kit");
            return strict && incomplete > 0 ? 1 : 0;
        }

        private static java.time.Duration minutes(double minutes) {
            return java.time.Duration.ofSeconds(Math.round(minutes * 60));
        }
    }
}
