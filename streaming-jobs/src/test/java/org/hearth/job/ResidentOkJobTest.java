package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleEventType;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.alerts.route.SeverityPolicy;
import org.hearth.ingest.testing.Collect;
import org.hearth.models.alert.Rule;
import org.hearth.models.alert.Severity;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.rules.DetectionSettings;
import org.hearth.models.rules.HomeRules;
import org.hearth.models.rules.HomeRulesState;
import org.hearth.models.rules.RuleOutcome;
import org.hearth.models.status.HomeStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The resident's "I'm OK" reaches the model that asked, through the detection graph on a
 * MiniCluster: on three mornings without the kettle the no-kettle pre-alert is answered with the help
 * button a minute after it is raised. Each answer cancels the alert before anyone is texted (no
 * help-button alert either), the detector learns it exactly as the plain model does (the same raise
 * times, later once answers accumulate) and the learning status counts the answers.
 */
class ResidentOkJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate FIRST = LocalDate.of(2026, 11, 1);
    private static final int USUAL_DAYS = 9;
    private static final int KETTLE_FREE_DAYS = 3;
    /**
     * The fixture's homes on no-kettle's quantile path (budget 0), where each answer moves the next
     * ask a little later: with the built-in budget the answers enter the tail fit and the third
     * kettle-free morning is no longer asked at all (same direction, faster).
     */
    private static final String HOMES = DetectionFixtures.HOMES.replace("resident: {id: r1, alias: \"J.S.\"}",
            "resident: {id: r1, alias: \"J.S.\"}\n    overrides: {no-kettle: {budget: 0}}");
    private static final EscalationPolicy ASK_FIRST = new EscalationPolicy(Map.of(
            Severity.URGENT, new SeverityPolicy(Duration.ofMinutes(10), false, null),
            Severity.WARNING, new SeverityPolicy(Duration.ofMinutes(30), true, Duration.ofMinutes(3)),
            Severity.TREND, new SeverityPolicy(null, true, null),
            Severity.SYSTEM, new SeverityPolicy(Duration.ofMinutes(60), false, null)));

    @Test
    void answeredNoKettleIsCancelledLearnedByTheDetectorAndCountedInTheStatus() throws Exception {
        // The plain model, answering each no-kettle a minute after it is raised, says where the presses go
        // and when each morning is asked.
        HomeRules plain = DetectionSettings.parse(HOMES, null).rules("h1").orElseThrow();
        HomeRulesState state = new HomeRulesState();
        List<SensorEvent> events = new ArrayList<>();
        for (int i = 0; i < USUAL_DAYS; i++) {
            events.addAll(feed(plain, state, day(FIRST.plusDays(i), i % 4 * 4, true), new ArrayList<>()));
        }
        List<Instant> asked = new ArrayList<>();
        for (int i = 0; i < KETTLE_FREE_DAYS; i++) {
            List<RuleOutcome> raised = new ArrayList<>();
            events.addAll(feed(plain, state, day(FIRST.plusDays(USUAL_DAYS + i), i % 4 * 4, false), raised));
            Instant at = raised.stream().filter(o -> o.rule() == Rule.NO_KETTLE && o.change() == RuleOutcome.Change.RAISE)
                    .map(RuleOutcome::at).findFirst().orElseThrow();
            asked.add(at);
            // the request has reached the home; the resident walks to the button and presses it
            SensorEvent walk = SensorEvent.of("h1", "pir-kitchen", at.plusSeconds(30), SensorKind.MOTION, 1);
            SensorEvent press = SensorEvent.of("h1", "button", at.plusSeconds(60), SensorKind.BUTTON, 1);
            assertThat(plain.residentOk(state, Rule.NO_KETTLE, press.ts())).isTrue();
            events.add(walk);
            events.add(press);
        }
        events.sort(Comparator.comparing(SensorEvent::ts));
        assertThat(clock(asked.get(2))).isAfter(clock(asked.get(0))); // the plain model moved its deadline

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<SensorEvent> input = env.fromData(events).setParallelism(1)
                .assignTimestampsAndWatermarks(DetectionFixtures.watermarkJustBehindEachEvent()).setParallelism(1);
        // As replay runs it (no raise on arrival): a history holds the press before its watermark has
        // reached the pre-alert, which a live home cannot do (the request goes out once the window is
        // open); the on-arrival copy's answer is PreAlertWindowsTest's and ImOkLiveTest's.
        DetectionStreams out = new DetectionJob(new DetectionJobConfig(HOMES, null, ASK_FIRST, false)).attach(input, null);
        out.decisions().sinkTo(Collect.into("resident-ok-decisions"));
        out.lifecycle().sinkTo(Collect.into("resident-ok-lifecycle"));
        out.statuses().sinkTo(Collect.into("resident-ok-statuses"));
        env.execute("resident-ok-job-test");

        List<LifecycleCommand> sent = Collect.get("resident-ok-decisions");
        List<RuleDecision> decisions = sent.stream().filter(RuleDecision.class::isInstance).map(RuleDecision.class::cast).toList();
        List<LifecycleEvent> lifecycle = Collect.get("resident-ok-lifecycle");
        List<HomeStatus> statuses = Collect.get("resident-ok-statuses");

        // Asked at the same times as the plain model that learned the answers.
        assertThat(decisions.stream().filter(d -> d.outcome().rule() == Rule.NO_KETTLE
                && d.outcome().change() == RuleOutcome.Change.RAISE).map(RuleDecision::at).sorted().toList())
                .isEqualTo(asked);
        // Each press answered its pre-alert once (the urgent copy or the event-time copy, not both).
        // The detector sends each answer on as a ResidentOk command for the rule that asked, at the press.
        List<ResidentOkCommand> answers = sent.stream().filter(ResidentOkCommand.class::isInstance)
                .map(ResidentOkCommand.class::cast).toList();
        assertThat(answers).hasSize(KETTLE_FREE_DAYS).allSatisfy(ok -> assertThat(ok.rule()).isEqualTo(Rule.NO_KETTLE));
        assertThat(answers.stream().map(ResidentOkCommand::at).sorted().toList())
                .isEqualTo(asked.stream().map(at -> at.plusSeconds(60)).toList());
        // Cancelled by the resident, nobody texted, no help-button alert.
        assertThat(lifecycle.stream().filter(LifecycleEvent::isLearningSignal).toList()).hasSize(KETTLE_FREE_DAYS);
        assertThat(lifecycle).noneMatch(e -> e.type() == LifecycleEventType.NOTIFIED);
        assertThat(lifecycle).noneMatch(e -> e.alert().rule() == Rule.HELP_BUTTON);
        // The learning status counts the answers.
        HomeStatus last = statuses.stream().filter(s -> s.homeId().equals("h1"))
                .max(Comparator.comparing(HomeStatus::updatedAt)).orElseThrow();
        assertThat(last.baseline().residentOks()).containsExactly(Map.entry("no-kettle", KETTLE_FREE_DAYS));
    }

    /** Feeds a day to the plain model as the job does (deadlines first, then the event), keeping what it raised. */
    private static List<SensorEvent> feed(HomeRules rules, HomeRulesState state, List<SensorEvent> day, List<RuleOutcome> raised) {
        for (SensorEvent e : day) {
            Instant before = e.ts().minusNanos(1);
            Optional<Instant> next = rules.nextDeadline(state);
            while (next.isPresent() && !next.get().isAfter(before)) {
                raised.addAll(rules.advanceTo(state, next.get()));
                Optional<Instant> after = rules.nextDeadline(state);
                if (after.equals(next)) {
                    break;
                }
                next = after;
            }
            raised.addAll(rules.onEvent(state, e));
            raised.addAll(rules.advanceTo(state, e.ts()));
        }
        return day;
    }

    private static LocalTime clock(Instant t) {
        return t.atZone(LONDON).toLocalTime();
    }


    private static Instant at(LocalDate d, String time) {
        return LocalDateTime.of(d, LocalTime.parse(time)).atZone(LONDON).toInstant();
    }

    private static SensorEvent e(Instant t, String sensor, SensorKind kind, double value) {
        return SensorEvent.of("h1", sensor, t, kind, value);
    }

    /** A care day of the usual routine (tea at 17:30); without the morning kettle and kitchen when {@code kettle} is false. */
    private static List<SensorEvent> day(LocalDate d, int riseOffset, boolean kettle) {
        LocalDate n = d.plusDays(1);
        Instant up = at(n, "07:30").plusSeconds(60L * riseOffset);
        List<SensorEvent> day = new ArrayList<>(List.of(
                e(at(d, "12:30"), "pir-kitchen", SensorKind.MOTION, 1),
                e(at(d, "17:30"), "pir-kitchen", SensorKind.MOTION, 1),
                e(at(d, "17:32"), "kitchen-plug", SensorKind.POWER, 2150), // tea: a boil clears an open no-kettle
                e(at(d, "17:35"), "kitchen-plug", SensorKind.POWER, 0),
                e(at(d, "22:40"), "pir-bathroom", SensorKind.MOTION, 1),
                e(at(d, "22:50"), "bed", SensorKind.BED, 1),
                e(up, "bed", SensorKind.BED, 0),
                e(up.plusSeconds(120), "pir-bathroom", SensorKind.MOTION, 1)));
        if (kettle) { // a kettle-free morning is one without the kitchen too: no-kettle asks only then
            day.add(e(up.plusSeconds(900), "pir-kitchen", SensorKind.MOTION, 1));
            day.add(e(up.plusSeconds(960), "kitchen-plug", SensorKind.POWER, 2200));
            day.add(e(up.plusSeconds(1140), "kitchen-plug", SensorKind.POWER, 0));
        } else { // up and about, out of the kitchen: still from 07:32 until the ask would be a stillness by day
            day.add(e(up.plusSeconds(3300), "pir-bathroom", SensorKind.MOTION, 1));
            day.add(e(up.plusSeconds(6600), "pir-bathroom", SensorKind.MOTION, 1));
        }
        day.add(e(at(n, "11:30"), "pir-kitchen", SensorKind.MOTION, 1));
        return day;
    }
}
