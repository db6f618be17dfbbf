package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.hearth.models.status.BaselineSummary;
import org.hearth.models.status.HomeStatus;
import org.hearth.models.status.LearningState;
import org.hearth.models.status.RuleThreshold;
import org.hearth.installer.status.StatusPublisher;
import org.hearth.installer.testing.Mosquitto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Statuses published retained, then read back by {@code hearth status} from a fresh connection. */
class StatusCommandTest {

    @RegisterExtension
    final Mosquitto broker = new Mosquitto();

    private static final Instant AT = Instant.parse("2026-11-23T09:05:31Z");

    @Test
    void status_readsEveryRetainedStatusIntoATable() throws Exception {
        try (StatusPublisher publisher = StatusPublisher.connect(broker.url())) {
            publisher.publish(new HomeStatus("s2", LearningState.WATCHING, 28, 7,
                    new BaselineSummary(LocalTime.of(7, 10), LocalTime.of(22, 5), LocalTime.of(7, 25),
                            java.util.Map.of("living evening", 150, "bathroom afternoon", 45),
                            java.util.Map.of("no-kettle", 3, "night-activity", 1)),
                    List.of("no-kettle", "battery-low"), List.of("pir-hall"), AT));
            publisher.publish(new HomeStatus("s4", LearningState.WATCHING, 28, 7,
                    new BaselineSummary(LocalTime.of(8, 0), LocalTime.of(23, 0), null,
                            java.util.Map.of("lounge afternoon", 150), java.util.Map.of())
                            .withRuleThresholds(java.util.Map.of(
                                    "stillness", new RuleThreshold(true, "min", java.util.Map.of("lounge afternoon", 150.0),
                                            1, List.of("cohort frail: bathroomMargin, budget, margin")),
                                    "not-up", new RuleThreshold(true, "clock", java.util.Map.of("up by", 535.0), 0, List.of()),
                                    "not-home", new RuleThreshold(true, "min", linked("night", 60.0, "morning", 190.0), 0.1,
                                            List.of()),
                                    "unusual-routes", new RuleThreshold(true, "bits/move", java.util.Map.of("above", 1.27),
                                            0.05, List.of()),
                                    "sleep-trend", new RuleThreshold(true, "min in bed/day", java.util.Map.of(), 0.02,
                                            List.of()),
                                    "unusual-day", RuleThreshold.off(0.05, List.of("resident: enabled"))))
                            .withExitDoors(List.of("garden-door", "back-door")),
                    List.of(), List.of(), AT));
            publisher.publish(new HomeStatus("s1", LearningState.LEARNING, 3, 7,
                    new BaselineSummary(LocalTime.of(7, 40), null, null), List.of(), List.of(), AT.plusSeconds(60)));
        }
        publishRaw("hearth/status/s3", "not json");

        CliRun run = CliRun.of("status", "--broker", broker.url(), "--quiet", "1s");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                HOME  STATE                 UP     BED    KETTLE  OPEN ALERTS             SILENT SENSORS  UPDATED (UTC)
                s1    learning 3 of 7 days  07:40  ?      ?       -                       -               2026-11-23 09:06
                s2    watching              07:10  22:05  07:25   battery-low, no-kettle  pir-hall        2026-11-23 09:05
                s4    watching              08:00  23:00  ?       -                       -               2026-11-23 09:05
                s2 stillness limits: bathroom afternoon 45 min, living evening 150 min
                s2 resident said OK (last 28 days): night-activity 1, no-kettle 3
                s4 thresholds (limit; budget share of false alerts; analyst override):
                  not-up: up by 08:55; no budget (own quantile + margin)
                  stillness: lounge afternoon 150 min; budget 1/30 d; override cohort frail: bathroomMargin, budget, margin
                  not-home: night 60 min, morning 190 min; budget 0.1/30 d
                  unusual-routes: above 1.27 bits/move; budget 0.05/30 d
                  unusual-day: off; budget 0.05/30 d; override resident: enabled
                  sleep-trend: not calibrated yet; budget 0.02/30 d
                s4 exit doors learned from the resident's outings: back-door, garden-door
                hearth status: 3 home(s): 2 watching, 1 learning; 2 open alert(s); 1 silent sensor(s)
                """);
        assertThat(run.err()).startsWith("warning: unreadable status hearth/status/s3: not a home status: ");
    }

    @Test
    void status_oneHomeAndAClearedOne() throws Exception {
        try (StatusPublisher publisher = StatusPublisher.connect(broker.url())) {
            publisher.publish(new HomeStatus("t1", LearningState.LEARNING, 1, 7, null, List.of(), List.of(), AT));
            publisher.publish(new HomeStatus("t2", LearningState.LEARNING, 2, 7, null, List.of(), List.of(), AT));
            publisher.clear("t2");
        }

        CliRun one = CliRun.of("status", "--home", "t1", "--broker", broker.url());
        CliRun cleared = CliRun.of("status", "--home", "t2", "--broker", broker.url(), "--quiet", "1s");

        assertThat(one.out()).contains("t1    learning 1 of 7 days  ?   ?    ?       -            -               2026-11-23 09:05")
                .endsWith("hearth status: 1 home(s): 0 watching, 1 learning; 0 open alert(s); 0 silent sensor(s)\n")
                .doesNotContain("s1").doesNotContain("t2");
        assertThat(cleared.exitCode()).isEqualTo(1);
        assertThat(cleared.out()).isEqualTo("hearth status: no status retained on hearth/status/t2 at " + broker.url()
                + " (is home t2 in the running job's registry?)\n");
    }

    private static java.util.Map<String, Double> linked(String k1, double v1, String k2, double v2) {
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private void publishRaw(String topic, String payload) throws Exception {
        MqttClient client = new MqttClient(broker.url(), "raw-" + System.nanoTime(), new MemoryPersistence());
        client.connect();
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        m.setRetained(true);
        client.publish(topic, m);
        client.disconnect();
        client.close();
    }
}
