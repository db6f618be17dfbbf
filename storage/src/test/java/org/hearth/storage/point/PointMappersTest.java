package org.hearth.storage.point;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hearth.alerts.audit.AuditEntry;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleEventType;
import org.hearth.alerts.route.Recipient;
import org.hearth.models.activity.BedExited;
import org.hearth.models.activity.DoorOpened;
import org.hearth.models.activity.KettleBoil;
import org.hearth.models.activity.RoomChanged;
import org.hearth.models.alert.Alert;
import org.hearth.models.baseline.DayScore;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.storage.testing.LineProtocol;
import org.hearth.storage.testing.Records;
import org.junit.jupiter.api.Test;

class PointMappersTest {

    private final PointMappers mappers = PointMappers.standard(HomeCohorts.of(Map.of("h1", "north")));

    @Test
    void sensorEvent_isADroppableRawPointWithTypedFields() {
        StoredPoint point = mappers.encode(Records.kettle("h1", 3));
        LineProtocol line = LineProtocol.parse(point.line());
        assertThat(point.retention()).isEqualTo(Retention.DROPPABLE);
        assertThat(line.measurement()).isEqualTo("sensor_event");
        assertThat(line.tags()).containsExactlyInAnyOrderEntriesOf(
                Map.of("home", "h1", "sensor", "kitchen-plug", "kind", "power", "cohort", "north"));
        assertThat(line.rawFields()).containsEntry("value", "2003.0").containsEntry("battery", "80i")
                .containsEntry("link_quality", "120i");
        assertThat(line.time()).isEqualTo(Records.MORNING.plusSeconds(3).toEpochMilli());
    }

    @Test
    void sensorEvent_withoutBatteryHasNoBatteryField() {
        SensorEvent event = SensorEvent.of("h9", "pir", Records.MORNING, SensorKind.MOTION, 1);
        LineProtocol line = LineProtocol.parse(mappers.encode(event).line());
        assertThat(line.rawFields()).containsOnlyKeys("value");
        assertThat(line.tags()).containsEntry("cohort", HomeCohorts.DEFAULT_COHORT);
    }

    @Test
    void alert_isKeptAndNeverCarriesTheMessage() {
        Alert alert = Records.alert("h1", 2);
        StoredPoint point = mappers.encode(alert);
        LineProtocol line = LineProtocol.parse(point.line());
        assertThat(point.retention()).isEqualTo(Retention.KEPT);
        assertThat(line.measurement()).isEqualTo("alert");
        assertThat(line.tags()).containsExactlyInAnyOrderEntriesOf(
                Map.of("home", "h1", "rule", "not-up", "severity", "urgent", "cohort", "north"));
        assertThat(line.rawFields()).containsEntry("alert_id", "\"a-h1-2\"").containsEntry("count", "1i")
                .containsEntry("resident", "\"r-h1\"").containsEntry("expected", "\"usually up by 08:10\"");
        assertThat(point.line()).doesNotContain("J.S.").doesNotContain("Reply OK");
    }

    @Test
    void alert_multiLineTextBecomesOneLine() {
        Alert base = Records.alert("h1", 1);
        Alert alert = new Alert(base.alertId(), base.homeId(), base.residentId(), base.rule(), base.severity(),
                base.at(), "usually\nup", "not\r\nyet", base.message());
        assertThat(mappers.encode(alert).line()).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void everyMapper_writesOnlyWhatItsSchemaDeclares() {
        List<Object> samples = List.of(Records.kettle("h1", 1), Records.alert("h1", 1), acknowledged(),
                new AuditEntry(Records.MORNING, "sent", "a-h1-1/h1/carer-0/step-0", "h1/carer-0", "notify", 1, "delivered", "x"),
                new HomeActivity("h1", new KettleBoil(Records.MORNING, Records.MORNING.plusSeconds(150), "kitchen-plug")),
                new HomeDay("h1", Records.MORNING, Records.day(LocalDate.of(2026, 11, 22), 430),
                        new DayScore(2.5, Map.of("rise", 2.0, "kettle", 0.5))),
                new HomeBaseline("h1", Records.MORNING, Records.baseline()),
                org.hearth.models.status.HomeStatus.of("h1", Records.baseline(), List.of(org.hearth.models.alert.Rule.NO_KETTLE),
                        List.of("pir-kitchen"), Records.MORNING),
                new HomeRuleThreshold("h1", "stillness", "kitchen morning", 95.0, new org.hearth.models.status.RuleThreshold(
                        true, "min", Map.of("kitchen morning", 95.0), 0.2, List.of("cohort frail: margin")), Records.MORNING));
        for (Object sample : samples) {
            PointMapper<?> mapper = mappers.mappers().get(sample.getClass());
            PointSchema schema = mapper.schema();
            LineProtocol line = LineProtocol.parse(mappers.encode(sample).line());
            assertThat(line.measurement()).isEqualTo(schema.measurement());
            assertThat(schema.tags()).containsAll(line.tags().keySet());
            line.rawFields().forEach((field, value) -> assertThat(schema.fields())
                    .as(schema.measurement() + "." + field)
                    .containsEntry(field, FieldType.valueOf(LineProtocol.typeOf(value))));
        }
        assertThat(samples).extracting(Object::getClass).containsExactlyInAnyOrderElementsOf(mappers.mappers().keySet());
    }

    private static LifecycleEvent acknowledged() {
        Alert alert = Records.alert("h1", 0);
        return new LifecycleEvent(LifecycleEventType.ACKNOWLEDGED, alert.at().plusSeconds(754), alert, 1,
                List.of(Recipient.carer(0), Recipient.carer(1)), "Thanks, Sam took it", "by:carer-1");
    }

    @Test
    void lifecycleEvent_carriesTimeSinceRaisedButNoText() {
        StoredPoint point = mappers.encode(acknowledged());
        LineProtocol line = LineProtocol.parse(point.line());
        assertThat(point.retention()).isEqualTo(Retention.KEPT);
        assertThat(line.measurement()).isEqualTo("alert_event");
        assertThat(line.tags()).containsEntry("type", "acknowledged").containsEntry("rule", "not-up");
        assertThat(line.rawFields()).containsEntry("seconds_since_raised", "754i").containsEntry("recipients", "2i")
                .containsEntry("step", "1i").containsEntry("reason", "\"by:carer-1\"");
        assertThat(point.line()).doesNotContain("Sam").doesNotContain("Thanks");
    }

    @Test
    void auditEntry_isAKeptDeliveryPoint() {
        AuditEntry entry = new AuditEntry(Records.MORNING, "failed", "k", "h1/carer-0", "twilio", 2, "http-503", null);
        StoredPoint point = mappers.encode(entry);
        LineProtocol line = LineProtocol.parse(point.line());
        assertThat(point.retention()).isEqualTo(Retention.KEPT);
        assertThat(line.tags()).containsExactlyInAnyOrderEntriesOf(
                Map.of("type", "failed", "gateway", "twilio", "outcome", "http-503"));
        assertThat(line.rawFields()).containsEntry("attempt", "2i").containsEntry("recipient", "\"h1/carer-0\"");
    }

    @Test
    void activity_isTaggedByKindWithItsDurationAndRoom() {
        LineProtocol boil = LineProtocol.parse(mappers.encode(new HomeActivity("h1",
                new KettleBoil(Records.MORNING, Records.MORNING.plusSeconds(150), "kitchen-plug"))).line());
        assertThat(boil.measurement()).isEqualTo("activity");
        assertThat(boil.tags()).containsEntry("kind", "kettle-boil").containsEntry("home", "h1");
        assertThat(boil.rawFields()).containsEntry("duration_s", "150i");
        LineProtocol moved = LineProtocol.parse(mappers.encode(new HomeActivity("h1",
                new RoomChanged(Records.MORNING, "hall", "kitchen"))).line());
        assertThat(moved.tags()).containsEntry("kind", "room-changed");
        assertThat(moved.rawFields()).containsEntry("room", "\"kitchen\"").doesNotContainKey("duration_s");
        assertThat(ActivityPoints.kind(new BedExited(Records.MORNING))).isEqualTo("bed-exited");
        LineProtocol silence = LineProtocol.parse(mappers.encode(new HomeActivity("h1",
                new org.hearth.models.activity.ContactSilence(Records.MORNING, Records.MORNING.plusSeconds(3600),
                        "back-door", true))).line());
        assertThat(silence.tags()).containsEntry("kind", "contact-silence");
        assertThat(silence.rawFields()).containsEntry("duration_s", "3600i")
                .containsEntry("sensor", "\"back-door\"").containsEntry("round_trip", "true");
        LineProtocol opened = LineProtocol.parse(mappers.encode(new HomeActivity("h1",
                new DoorOpened(Records.MORNING, "back-door", "garden", false))).line());
        assertThat(opened.rawFields()).containsEntry("sensor", "\"back-door\"").containsEntry("room", "\"garden\"");
    }

    @Test
    void day_carriesItsAnchorsCountsAndScore() {
        LineProtocol line = LineProtocol.parse(mappers.encode(new HomeDay("h1", Records.MORNING,
                Records.day(LocalDate.of(2026, 11, 22), 430), new DayScore(2.5, Map.of("rise", 2.0, "kettle", 0.5))))
                .line());
        assertThat(line.measurement()).isEqualTo("day_profile");
        assertThat(line.rawFields()).containsEntry("rise_minute", "430i").containsEntry("first_kettle_minute", "445i")
                .containsEntry("kettle_boils", "5i").containsEntry("active_slots", "3i")
                .containsEntry("day_score", "2.5").containsEntry("top_feature", "\"rise\"");
    }

    @Test
    void day_whileLearningHasNoScore() {
        LineProtocol line = LineProtocol.parse(mappers.encode(new HomeDay("h1", Records.MORNING,
                Records.day(LocalDate.of(2026, 11, 22), 430), null)).line());
        assertThat(line.rawFields()).doesNotContainKeys("day_score", "top_feature");
    }

    @Test
    void baseline_isStoredAsBandsNotDays() {
        LineProtocol line = LineProtocol.parse(mappers.encode(new HomeBaseline("h1", Records.MORNING, Records.baseline()))
                .line());
        assertThat(line.measurement()).isEqualTo("baseline");
        assertThat(line.rawFields()).containsEntry("days", "10i").containsEntry("ready", "true")
                .containsKeys("rise_p10", "rise_p50", "rise_p90", "kettle_boils_p50", "first_kettle_p90");
        double p10 = Double.parseDouble(line.rawFields().get("rise_p10"));
        double p90 = Double.parseDouble(line.rawFields().get("rise_p90"));
        assertThat(p10).isBetween(420.0, 440.0);
        assertThat(p90).isBetween(450.0, 465.0);
    }

    @Test
    void encode_ofAnUnknownTypeIsAnError() {
        assertThatThrownBy(() -> mappers.encode("not a record")).hasMessageContaining("no point mapper");
    }
}
