package org.hearth.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.hearth.installer.mqtt.BrokerException;
import org.hearth.models.status.LearningState;
import org.hearth.installer.status.StatusReader;
import org.hearth.installer.status.StatusReport;
import org.hearth.installer.status.StatusTable;
import org.hearth.installer.status.StatusTopics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth status [--home ID]}: each home's learning status, from the retained messages the
 * detection job publishes on {@code hearth/status/{homeId}}. Exit 1 when the asked-for home has
 * no status (the job has never seen it), 2 when the broker cannot be reached.
 */
@Command(name = "status", description = "Show each home's learning status (learning N of M days / watching), usual times, open alerts and silent sensors.")
final class StatusCommand implements Callable<Integer> {

    @Option(names = "--home", description = "one home only")
    String homeId;

    @CommandLine.Mixin
    MqttOptions mqtt;

    @Option(names = "--quiet", defaultValue = "1s", description = "stop once no status came for this long (default: ${DEFAULT-VALUE})")
    Duration quiet;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        String broker = mqtt.url();
        StatusReport report;
        try {
            report = new StatusReader(Clock.systemUTC()).read(broker, mqtt.security(), homeId, quiet, Duration.ofSeconds(30));
        } catch (BrokerException e) {
            throw new UserError(e.getMessage());
        }
        report.unreadable().forEach(u -> err.println("warning: unreadable status " + u));
        String where = homeId == null ? StatusTopics.ALL : StatusTopics.of(homeId);
        if (report.statuses().isEmpty()) {
            out.println("hearth status: no status retained on " + where + " at " + broker
                    + (homeId == null ? " (is the detection job running?)" : " (is home " + homeId + " in the running job's registry?)"));
            return homeId == null ? 0 : 1;
        }
        StatusTable.render(report.statuses()).forEach(out::println);
        long watching = report.statuses().stream().filter(s -> s.state() == LearningState.WATCHING).count();
        long alerts = report.statuses().stream().mapToLong(s -> s.openAlerts().size()).sum();
        long silent = report.statuses().stream().mapToLong(s -> s.silentSensors().size()).sum();
        out.println("hearth status: " + report.statuses().size() + " home(s): " + watching + " watching, "
                + (report.statuses().size() - watching) + " learning; " + alerts + " open alert(s); "
                + silent + " silent sensor(s)");
        return 0;
    }

}
