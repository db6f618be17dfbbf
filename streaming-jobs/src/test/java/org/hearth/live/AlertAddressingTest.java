package org.hearth.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleEventType;
import org.hearth.ingest.control.ConfigState;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.alert.Alert;
import org.hearth.models.alert.Rule;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delivery addresses each lifecycle step from the registry as applied, and only while it is the home's business. */
class AlertAddressingTest {

    private static final Instant AT = Instant.parse("2026-11-23T09:05:00Z");
    private static final String HOMES_R1 = TestHomes.KITCHEN_PIR_HOME_YAML;
    private static final String HOMES_R9 = HOMES_R1.replace("{id: r1, alias: \"J.S.\"}", "{id: r9, alias: \"K.M.\"}")
            .replace("+447700900123", "+447700900456");

    private BroadcastOperatorTestHarness<LifecycleEvent, ControlMessage, AddressedAlert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forBroadcastProcessFunction(new AlertAddressing(DetectionJobConfig.of(HOMES_R1)), ConfigState.DESCRIPTOR);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void processElement_aNewResidentsCarersAreNotEscalatedToForThePreviousResidentsAlert() throws Exception {
        harness.processElement(step(Rule.NOT_UP, "r1"), AT.toEpochMilli());
        harness.processBroadcastElement(ControlMessage.homes(HOMES_R9), AT.toEpochMilli());
        harness.processElement(step(Rule.NOT_UP, "r1"), AT.plusSeconds(600).toEpochMilli());     // r1's alert escalating
        harness.processElement(step(Rule.SENSOR_OFFLINE, "r1"), AT.plusSeconds(600).toEpochMilli()); // the kit: duty line
        harness.processElement(step(Rule.NOT_UP, "r9"), AT.plusSeconds(700).toEpochMilli());

        List<AddressedAlert> out = harness.extractOutputValues();
        assertThat(out).extracting(a -> a.event().alert().rule() + "/" + a.event().alert().residentId() + " to " + a.home().residentId())
                .containsExactly("NOT_UP/r1 to r1", "SENSOR_OFFLINE/r1 to r9", "NOT_UP/r9 to r9");
    }

    private static LifecycleEvent step(Rule rule, String resident) {
        Alert alert = new Alert("a-" + rule.wireName() + "-" + resident, "h1", resident, rule, rule.severity(), AT,
                "usually up by 08:10", "no movement since 22:41", "Hearth: not up yet. Reply OK 4821 to take this.");
        return new LifecycleEvent(LifecycleEventType.ESCALATED, AT, alert, 1, List.of(), null, null);
    }
}
