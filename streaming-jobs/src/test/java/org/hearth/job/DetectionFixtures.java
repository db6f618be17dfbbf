package org.hearth.job;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;

/** Test homes, events and named instants for the detection tests. */
public final class DetectionFixtures {

    public static final Instant MORNING = Instant.parse("2026-11-23T08:00:00Z");
    public static final Instant ONE_MINUTE_LATER = MORNING.plus(Duration.ofMinutes(1));
    public static final Instant TWELVE_HOURS_LATER = MORNING.plus(Duration.ofHours(12));

    public static final String HOMES = """
            homes:
              - id: h1
                timezone: Europe/London
                resident: {id: r1, alias: "J.S."}
                sensors:
                  - {id: bed, kind: bed, room: bedroom, role: bed}
                  - {id: kitchen-plug, kind: power, room: kitchen, role: kettle}
                  - {id: pir-kitchen, kind: motion, room: kitchen, device: M012}
                  - {id: pir-bathroom, kind: motion, room: bathroom, role: bathroom, device: M020}
                  - {id: front-door, kind: contact, room: hall, role: front-door, device: D001}
                  - {id: button, kind: button, room: lounge, role: help-button}
                carers:
                  - {name: Sam, phone: "+447700900123", quietHours: "22:00-07:00"}
              - id: h2
                resident: {id: r2, alias: "A.B."}
                sensors:
                  - {id: pir-kitchen, kind: motion, room: kitchen}
                  - {id: pir-bathroom, kind: motion, room: bathroom, role: bathroom}
                carers:
                  - {name: Jo, phone: "+447700900456"}
            """;

    public static SensorEvent motion(String home, String sensor, Instant ts) {
        return SensorEvent.of(home, sensor, ts, SensorKind.MOTION, 1);
    }

    public static SensorEvent heartbeat(String home, Instant ts) {
        return SensorEvent.of(home, "hub", ts, SensorKind.HEARTBEAT, 1);
    }

    public static long ms(Instant instant) {
        return instant.toEpochMilli();
    }

    private DetectionFixtures() {}

    /** A watermark just behind each event, as replay does: deadlines fire as the history moves on. */
    public static WatermarkStrategy<SensorEvent> watermarkJustBehindEachEvent() {
        return WatermarkStrategy.<SensorEvent>forGenerator(ctx -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(SensorEvent e, long ts, WatermarkOutput output) {
                output.emitWatermark(new Watermark(ts - 1));
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {}
        }).withTimestampAssigner((e, previous) -> e.ts().toEpochMilli());
    }
}
