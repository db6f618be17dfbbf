package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.job.DetectionFixtures.HOMES;
import static org.hearth.job.DetectionFixtures.MORNING;
import static org.hearth.job.DetectionFixtures.motion;
import static org.hearth.job.DetectionFixtures.ms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every decision leaves the detector when the watermark passes its instant (review-16's F1, one home's trace from a
 * random comparison of the two buffers). In the keyed list with a timer per event, an event at the very millisecond
 * of the home's deadline shared that timer; when the deadline then moved earlier, {@link DeadlineTimer#schedule}
 * deleted it with the event still waiting, and the event (here the motion at 18:08:31, exactly two hours after
 * 16:08:31) was handed over only at the home's next firing: the hub-offline clear and the raise after it left at
 * 19:01:54, 23 minutes late, though decided alike. The heap buffer has no timer per event to lose; past its bound,
 * a spilled home's one timer shares the deadline's instant as the events' did, and is re-armed after every firing
 * (without that, at a limit of 2 this trace loses the spilled events' firing). The keyed-list path (where
 * {@link HomeDetector} runs in a plain operator, in tests) registers the shared timer again when the deadline moves
 * off it with an event waiting there.
 */
class PendingEventsOnTimeTest {

    /** Each line: an event's instant and sensor (h2's; motion, the hub a heartbeat), or an instant and "watermark". */
    private static final String TRACE = """
            2026-11-23T08:01:16Z pir-kitchen
            2026-11-23T09:30:45Z watermark
            2026-11-23T09:38:57Z watermark
            2026-11-23T10:01:16Z pir-bathroom
            2026-11-23T10:00:46Z watermark
            2026-11-23T10:03:43Z pir-kitchen
            2026-11-23T10:03:13Z watermark
            2026-11-23T10:05:34Z pir-bathroom
            2026-11-23T10:05:04Z watermark
            2026-11-23T10:08:10Z pir-kitchen
            2026-11-23T10:07:40Z watermark
            2026-11-23T10:08:52Z pir-bathroom
            2026-11-23T10:51:50Z pir-kitchen
            2026-11-23T10:51:20Z watermark
            2026-11-23T10:58:27Z pir-kitchen
            2026-11-23T10:57:57Z watermark
            2026-11-23T11:03:36Z pir-bathroom
            2026-11-23T11:03:06Z watermark
            2026-11-23T12:13:08Z pir-bathroom
            2026-11-23T12:39:54Z pir-kitchen
            2026-11-23T13:24:56Z pir-kitchen
            2026-11-23T13:24:26Z watermark
            2026-11-23T15:39:39Z watermark
            2026-11-23T16:08:31Z pir-bathroom
            2026-11-23T16:08:01Z watermark
            2026-11-23T16:08:31Z pir-kitchen
            2026-11-23T16:46:05Z watermark
            2026-11-23T16:48:28Z pir-bathroom
            2026-11-23T17:08:31Z hub
            2026-11-23T18:08:31Z pir-bathroom
            2026-11-23T18:12:41Z watermark
            2026-11-23T18:31:29Z watermark
            2026-11-23T19:01:54Z pir-bathroom
            2026-11-23T19:08:01Z watermark
            2026-11-23T19:31:33Z watermark
            2026-11-23T19:34:15Z watermark
            2026-11-23T19:34:45Z pir-bathroom
            2026-11-23T20:22:08Z watermark
            2026-11-23T20:53:20Z watermark
            2026-11-25T02:53:50Z watermark
            """;

    private static List<StreamRecord<LifecycleCommand>> run(KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> h) throws Exception {
        try (h) {
            h.open();
            h.processBroadcastElement(ControlMessage.thresholds("safety: {stillness: 2h}"), ms(MORNING));
            for (String step : TRACE.strip().split("\n")) { // review-16's trace: h2's events and the watermarks, in arrival order
                String[] f = step.strip().split(" ");
                Instant at = Instant.parse(f[0]);
                if (f[1].equals("watermark")) {
                    h.watermark(ms(at));
                } else {
                    h.processElement(SensorEvent.of("h2", f[1], at, f[1].equals("hub") ? SensorKind.HEARTBEAT : SensorKind.MOTION, 1), 0);
                }
            }
            List<StreamRecord<LifecycleCommand>> out = new ArrayList<>();
            for (Object o : h.getOutput()) {
                if (o instanceof StreamRecord<?> r) {
                    @SuppressWarnings("unchecked")
                    StreamRecord<LifecycleCommand> decision = (StreamRecord<LifecycleCommand>) r;
                    out.add(decision);
                }
            }
            return out;
        }
    }

    @Test
    void theKeyedListPathToo() throws Exception {
        List<StreamRecord<LifecycleCommand>> out = run(new KeyedBroadcastOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator<>(
                        new HomeDetector(DetectionJobConfig.of(HOMES)), HomeDetector.BROADCAST),
                SensorEvent::homeId, Types.STRING, 128, 1, 0));

        assertOnTime(out);
    }

    /** Unbounded, and with the heap's bound so low that most events wait in keyed state with a timer per home. */
    @ParameterizedTest
    @ValueSource(ints = {Integer.MAX_VALUE, 1, 2, 3})
    void everyDecisionLeavesAtItsOwnInstant_evenWhenAnEventFallsOnTheHomesDeadline(int heapLimit) throws Exception {
        List<StreamRecord<LifecycleCommand>> out = run(new KeyedBroadcastOperatorTestHarness<>(
                new PendingEventsOperator(new HomeDetector(DetectionJobConfig.of(HOMES)), heapLimit),
                SensorEvent::homeId, Types.STRING, 128, 1, 0));

        assertOnTime(out);
    }

    private static void assertOnTime(List<StreamRecord<LifecycleCommand>> out) {
        assertThat(out).extracting(r -> ((RuleDecision) r.getValue()).outcome().at().toString() + " "
                        + ((RuleDecision) r.getValue()).outcome().rule() + " " + ((RuleDecision) r.getValue()).outcome().change())
                .contains("2026-11-23T18:08:31Z HUB_OFFLINE CLEAR", "2026-11-23T18:38:31Z HUB_OFFLINE RAISE")
                .hasSize(9);
        for (StreamRecord<LifecycleCommand> r : out) {
            assertThat(Instant.ofEpochMilli(r.getTimestamp())).as("left at the instant of %s", r.getValue())
                    .isEqualTo(((RuleDecision) r.getValue()).outcome().at());
        }
    }
}
