package org.hearth.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.hearth.installer.check.CheckDisplay;
import org.hearth.installer.check.CheckVerdict;
import org.hearth.installer.check.KitCheck;
import org.hearth.installer.check.KitCheckRunner;
import org.hearth.installer.check.RoleTest;
import org.hearth.installer.mqtt.BrokerException;
import org.hearth.models.activity.ActivityConfig;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.KitRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth kit check --home ID}: listens to one home's sensors and says whether the installer
 * may leave. Exit 0 when every required sensor reported (and every prompted role was confirmed),
 * 1 when not, 2 on bad input or an unreachable broker.
 */
@Command(name = "check", description = "Listen to a home's sensors live and say which report, which are silent, and who talks unregistered.")
final class KitCheckCommand implements Callable<Integer> {

    @Option(names = "--home", required = true, description = "the home to check, as in homes.yaml")
    String homeId;

    @Option(names = "--homes", defaultValue = "homes.yaml", description = "the kit registry (default: ${DEFAULT-VALUE})")
    Path homes;

    @CommandLine.Mixin
    MqttOptions mqtt;

    @Option(names = "--for", defaultValue = "10m", description = "how long to listen (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--prompt", description = "ask for a test action per role (boil the kettle, open the door...) and wait for the sensor's reaction")
    boolean prompt;

    @Option(names = "--prompt-timeout", defaultValue = "2m", description = "how long each test action may take (default: ${DEFAULT-VALUE})")
    Duration promptTimeout;

    @Option(names = "--answers", description = "read the answers to the prompts from this file instead of the keyboard")
    Path answers;

    @Option(names = "--plain", description = "append lines instead of redrawing a table (the default when output is not a terminal)")
    boolean plain;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        KitRegistry registry = KitRegistry.load(homes);
        Home home = registry.home(homeId).orElseThrow(() -> new UserError("home '" + homeId + "' is not in " + homes
                + " (it has " + registry.homes().stream().map(Home::id).toList() + ")"));
        if (home.sensors().isEmpty()) {
            throw new UserError("home '" + homeId + "' has no sensors registered: nothing to check");
        }
        Clock clock = Clock.systemUTC();
        double kettleOn = ActivityConfig.defaults().kettleOnWatts();
        KitCheck check = new KitCheck(home, clock, kettleOn);
        boolean terminal = !plain && System.console() != null;
        CheckDisplay display = terminal ? CheckDisplay.terminal(out) : CheckDisplay.plain(out);
        List<RoleTest> tests = prompt ? RoleTest.forHome(home, kettleOn) : List.of();
        if (prompt && tests.isEmpty()) {
            out.println("no sensor in home " + homeId + " has a role: nothing to prompt for");
        }
        BufferedReader input = !prompt ? null : answers != null
                ? Files.newBufferedReader(answers, StandardCharsets.UTF_8)
                : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        CheckVerdict verdict;
        try {
            verdict = new KitCheckRunner(check, clock, display).run(mqtt.url(), mqtt.security(), duration, tests, promptTimeout,
                    input, answers == null);
        } catch (BrokerException e) {
            throw new UserError(e.getMessage());
        } finally {
            if (answers != null && input != null) {
                input.close();
            }
        }
        out.println("hearth kit check: home " + homeId + ": " + verdict.line());
        out.flush();
        return verdict.exitCode();
    }
}
