package org.hearth.job;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.hearth.alerts.route.AwayMode;
import org.hearth.ingest.control.ConfigState;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.job.status.DetectorFacts;
import org.hearth.job.status.StatusFacts;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.rules.HelpPress;
import org.hearth.models.rules.HomeRules;
import org.hearth.models.rules.HomeRulesState;
import org.hearth.models.rules.ResidentChange;
import org.hearth.models.rules.RuleOutcome;
import org.hearth.prealert.PreAlertWindows;

/**
 * Keyed by home: moves events, event time and state in and out of {@link HomeRules}, which decides.
 *
 * <p>Its events come on time and once each: ingest judged lateness and dropped redeliveries
 * ({@code IngestPipeline.onTime}), for live and replay alike. They are not handed over as they
 * arrive but when the watermark passes them, in event-time order: each waits on the heap of the
 * detector's operator ({@link PendingEventsOperator}, not in RocksDB) and is handed over as a firing at
 * its timestamp, after the deadline timers before it (run in a plain keyed broadcast operator, the
 * detector keeps them in a keyed list with an event-time timer each, as it did). So a rule deadline and an
 * event interleave by event time whatever the arrival order within the allowed lateness, and the
 * same history gives the same decisions in live mode and in replay. The next rule deadline is one
 * more timer: that is what makes silence (a fall produces no events) raise an alert as the
 * watermark advances.
 *
 * <p>When the whole input ends ({@link EndOfInputOperator}) buffered events are still processed, but
 * no deadline fires: the end of a file is not hours of silence in the home.
 *
 * <p>One decision does not wait, live: a help-button press is also raised on arrival
 * ({@link RuleDecision#urgent()}, {@link HelpPress}), since the help button alerts at once
 * ({@link DetectionJobConfig#urgentOnArrival()}; off in replay).
 *
 * <p>"I'm OK": every decision leaves through {@link PreAlertWindows}, which opens a window where the
 * alert lifecycle asks the resident (it reads the same registry and away modes); a help press inside
 * open windows is the answer, and goes on as one {@link ResidentOkCommand} per rule it answered
 * instead of a help alert (counted, {@link #RESIDENT_OK}). The detector decides it because it is also
 * the learner: the answer goes straight into the home's rules ({@link HomeRules#residentOk}), where
 * the rule that asked takes what it saw as normal. A job graph has no way back from an operator
 * downstream (Flink 2 has no iterations), so the answer could not be decided after it. The urgent
 * copy and the event-time copy of a press answer once. (Issue 17 folded the separate gate that
 * turned a marked press into those commands, {@code pre-alert-gate}, into here: it kept nothing and
 * cost a shuffle; {@code org.hearth.checkpoint.RetiredOperators} lets a checkpoint from before restore.)
 */
public final class HomeDetector extends KeyedBroadcastProcessFunction<String, SensorEvent, ControlMessage, LifecycleCommand>
        implements EndOfInputOperator.InputEnds {

    private static final long serialVersionUID = 1L;

    /** Accumulator: pre-alerts the resident answered with a press. */
    public static final String RESIDENT_OK = "hearth-resident-ok";

    /** Events for a home the registry does not (or no longer) know. */
    public static final OutputTag<SensorEvent> UNKNOWN_HOME =
            new OutputTag<>("unknown-home", TypeInformation.of(SensorEvent.class));
    /** The home's status facts (learning progress, usual times, silent sensors), on change only. */
    public static final OutputTag<DetectorFacts> STATUS_FACTS = new OutputTag<>("status-facts", JsonTypeInfo.of(DetectorFacts.class));

    /** Order among equal instants is fixed. */
    static final Comparator<SensorEvent> EVENT_ORDER = Comparator.comparing(SensorEvent::ts)
            .thenComparing(SensorEvent::sensorId)
            .thenComparing(SensorEvent::kind)
            .thenComparingDouble(SensorEvent::value);

    /**
     * The events waiting for the watermark, as builds before {@link PendingEventsOperator} kept them (one
     * event-time timer each): still read when the detector runs without that operator, and moved out of
     * state that has them when it opens.
     */
    static final ListStateDescriptor<SensorEvent> PENDING = new ListStateDescriptor<>("pending", SensorEventSerializer.INSTANCE);
    /** Its broadcast state: the registry and thresholds, and the carers' away modes (as the lifecycle's). */
    static final List<org.apache.flink.api.common.state.MapStateDescriptor<?, ?>> BROADCAST =
            List.of(ConfigState.DESCRIPTOR, LifecycleDriver.AWAY_MODES);

    /** Read and written only when the home decides something (rare next to its events). */
    private static final ValueStateDescriptor<PreAlertWindows> WINDOWS = new ValueStateDescriptor<>("pre-alert-windows",
            new JsonSerializer<>(PreAlertWindows.class));

    private final DetectionJobConfig config;

    private transient ConfigState configState;
    /** The hot state and, apart, the baseline. */
    private transient DetectorStore detectorState;
    private transient ListState<SensorEvent> pending;
    /** The operator's buffer of waiting events ({@link PendingEventsOperator}); null without it. */
    private transient WaitingEvents buffer;
    /** The events the operator hands over for the firing it runs now (empty for a timer's own firing). */
    private transient List<SensorEvent> handedOver;
    private transient ValueState<PreAlertWindows> windows;
    private transient LongCounter events;
    private transient LongCounter homes;
    private transient LongCounter days;
    private transient LongCounter answered;
    private transient StatusFacts statusFacts;
    /** The whole input has ended: what fires now is the end of data, not time passing. */
    private transient boolean ended;

    public HomeDetector(DetectionJobConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        configState = new ConfigState(config);
        detectorState = new DetectorStore(getRuntimeContext());
        pending = getRuntimeContext().getListState(PENDING);
        windows = getRuntimeContext().getState(WINDOWS);
        events = counter(Counters.EVENTS);
        homes = counter(Counters.HOMES);
        days = counter(Counters.DAYS);
        answered = counter(RESIDENT_OK);
        statusFacts = new StatusFacts();
        handedOver = List.of();
    }

    @Override
    public void processElement(SensorEvent event, ReadOnlyContext ctx, Collector<LifecycleCommand> out) throws Exception {
        HomeRules rules = configState.current(ctx.getBroadcastState(ConfigState.DESCRIPTOR)).rules(event.homeId()).orElse(null);
        if (rules == null) {
            ctx.output(UNKNOWN_HOME, event);
            return;
        }
        if (buffer != null) {
            buffer.add(event);
        } else {
            pending.add(event);
            ctx.timerService().registerEventTimeTimer(event.ts().toEpochMilli());
        }
        // The help button alerts at once: live, a press is raised now as well, ahead of the watermark (up to the
        // out-of-orderness, 30 s). The buffered event still reaches the rules in event-time order; the
        // lifecycle keeps one alert for the two raises (LifecycleDriver.urgentAppliesAtOnce).
        if (config.urgentOnArrival()) {
            Optional<RuleOutcome> urgent = HelpPress.urgentRaise(event, rules.home());
            boolean okPress = HelpPress.isOkPress(event, rules.home());
            if (urgent.isPresent() || okPress) {
                DetectorState stored = detectorState.read(rules.kitStrings());
                Step step = okPress ? Step.okPress(event.ts(), true) : Step.of(RuleDecision.urgent(event.homeId(), urgent.get()));
                decide(rules, stored == null ? null : stored.rules, List.of(step),
                        ctx.getBroadcastState(LifecycleDriver.AWAY_MODES).get(event.homeId()), out);
                if (stored != null) {
                    detectorState.write(stored, rules.kitStrings()); // an answer was learned into it
                }
            }
        }
    }

    @Override
    public void processBroadcastElement(ControlMessage message, Context ctx, Collector<LifecycleCommand> out) throws Exception {
        if (message.kind() == ControlMessage.Kind.AWAY) { // the lifecycle's away modes, for the "I'm OK" windows
            LifecycleDriver.applyControl(configState, ctx.getBroadcastState(ConfigState.DESCRIPTOR),
                    ctx.getBroadcastState(LifecycleDriver.AWAY_MODES), message);
            return;
        }
        // A home removed from the registry takes its learning and buffered events with it.
        java.util.Set<String> gone = RemovedHomes.applyAndForget(configState, ctx.getBroadcastState(ConfigState.DESCRIPTOR), message, ctx,
                home -> home, DetectorStore.HOT, DetectorStore.BASELINE, DetectorStore.KIT, DetectorStore.DAY_PARTS,
                PENDING, WINDOWS);
        if (buffer != null) {
            buffer.forget(gone); // the spilled ones too, with their timers (the keyed map read before it is cleared)
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LifecycleCommand> out) throws Exception {
        String homeId = ctx.getCurrentKey();
        HomeRules rules = configState.current(ctx.getBroadcastState(ConfigState.DESCRIPTOR)).rules(homeId).orElse(null);
        List<SensorEvent> due = buffer != null ? takeHandedOver() : takeDue(timestamp);
        if (rules == null) {
            due.forEach(e -> ctx.output(UNKNOWN_HOME, e)); // the home was removed from the registry
            return;
        }
        DetectorState stored = detectorState.read(rules.kitStrings());
        if (stored == null) {
            stored = new DetectorState(new HomeRulesState(), null);
            homes.add(1);
        }
        HomeRulesState state = stored.rules;
        if (ResidentChange.learnFor(state, rules.home().residentId())) { // a new resident (kit apply) starts learning afresh
            detectorState.forgetDayParts(); // and not from the open days the previous one gathered outside the hot value
        }
        if (due.isEmpty()) {
            Instant deadline = rules.nextDeadline(state).orElse(null);
            if (DeadlineTimer.isEarly(stored, deadline, timestamp)) { // kept ahead of a deadline that moved later
                DeadlineTimer.rearm(stored, deadline, timestamp, ctx.timerService());
                detectorState.write(stored, rules.kitStrings());
                return;
            }
        }
        List<Step> decided = new ArrayList<>();
        for (SensorEvent event : due) {
            if (rules.enterCareDay(state, event.ts())) {
                days.add(1);
            }
            rules.onEvent(state, event).forEach(o -> decided.add(Step.of(new RuleDecision(homeId, o))));
            if (HelpPress.isOkPress(event, rules.home())) {
                decided.add(Step.okPress(event.ts(), false));
            }
        }
        events.add(due.size());
        if (!ended) {
            rules.advanceTo(state, Instant.ofEpochMilli(timestamp)).forEach(o -> decided.add(Step.of(new RuleDecision(homeId, o))));
        }
        decide(rules, state, decided, ctx.getBroadcastState(LifecycleDriver.AWAY_MODES).get(homeId), out);
        if (!due.isEmpty() && buffer != null) {
            DeadlineTimer.firesWithEvents(stored, timestamp, ctx.timerService());
        }
        if (!ended) {
            Long kept = stored.deadlineTimer;
            scheduleNextDeadline(rules, stored, ctx); // after decide: an answer may move a learned deadline
            if (buffer == null) {
                keepListedEventsTimer(kept, stored.deadlineTimer, timestamp, ctx);
            }
        }
        statusFacts.changed(rules, state, Instant.ofEpochMilli(timestamp)).ifPresent(f -> ctx.output(STATUS_FACTS, f));
        detectorState.write(stored, rules.kitStrings());
    }

    @Override
    public void inputEnded() {
        ended = true;
    }

    /** Waiting events go to the operator's buffer rather than the keyed list (called before {@link #open}). */
    void bufferIn(WaitingEvents buffer) {
        this.buffer = buffer;
    }

    /**
     * The current key's registered deadline timer, or null: the operator deletes a spilled home's timers when the home
     * goes back to its heap, and registers this one again if it was among them (one Flink timer per key and instant).
     */
    Long registeredDeadline() throws IOException {
        return detectorState.registeredDeadline();
    }

    /** The events of the firing the operator runs next: one home's at one millisecond, in {@link #EVENT_ORDER}. */
    void handOver(List<SensorEvent> due) {
        handedOver = due;
    }

    private List<SensorEvent> takeHandedOver() {
        List<SensorEvent> due = handedOver;
        handedOver = List.of();
        return due;
    }

    /** Removes and returns the keyed list's events at or before {@code timestamp}, sorted. */
    private List<SensorEvent> takeDue(long timestamp) throws Exception {
        List<SensorEvent> due = new ArrayList<>();
        List<SensorEvent> keep = new ArrayList<>();
        for (SensorEvent e : pending.get()) {
            (e.ts().toEpochMilli() <= timestamp ? due : keep).add(e);
        }
        if (due.isEmpty()) {
            return due;
        }
        pending.update(keep);
        due.sort(EVENT_ORDER);
        return due;
    }

    /**
     * In the keyed list (no operator buffer), a waiting event at the instant of the deadline timer that
     * {@link DeadlineTimer#schedule} just deleted shared that timer: registered again, or the event would wait for
     * the home's next firing (review-16 F1, {@code PendingEventsOnTimeTest}). Reads the list only when a kept timer
     * was moved earlier.
     */
    private void keepListedEventsTimer(Long kept, Long now, long firing, OnTimerContext ctx) throws Exception {
        if (kept == null || kept <= firing || kept.equals(now)) {
            return; // no timer ahead was deleted
        }
        for (SensorEvent e : pending.get()) {
            if (e.ts().toEpochMilli() == kept) {
                ctx.timerService().registerEventTimeTimer(kept);
                return;
            }
        }
    }

    /** One timer for the next deadline ({@link DeadlineTimer}: kept when it still comes first). */
    private static void scheduleNextDeadline(HomeRules rules, DetectorState stored, OnTimerContext ctx) {
        DeadlineTimer.schedule(stored, DeadlineTimer.wanted(rules.nextDeadline(stored.rules).orElse(null), ctx.timestamp()),
                ctx.timestamp(), ctx.timerService());
    }

    /** One thing to send through the windows: a decision, or a press on an ok-button (answers only). */
    private record Step(RuleDecision decision, Instant okPress, boolean urgent) {
        static Step of(RuleDecision d) {
            return new Step(d, null, d.urgent());
        }

        static Step okPress(Instant at, boolean urgent) {
            return new Step(null, at, urgent);
        }
    }

    /**
     * Sends the decisions on, in order, through the home's "I'm OK" windows: a help press that
     * answers open windows goes on as a {@link ResidentOkCommand} for each rule it answered and no
     * help alert (once: the other copy of the same press is dropped), and each answer is learned into
     * {@code state} (when the home has one). A press on an ok-button inside open windows answers them
     * the same way; outside, it is nothing.
     */
    private void decide(HomeRules rules, HomeRulesState state, List<Step> decided, AwayMode away,
                        Collector<LifecycleCommand> out) throws Exception {
        if (decided.isEmpty()) {
            return;
        }
        PreAlertWindows w = windows.value();
        if (w == null) {
            w = new PreAlertWindows();
        }
        String homeId = rules.home().id();
        for (Step step : decided) {
            if (step.okPress() != null) {
                for (PreAlertWindows.Out.ResidentOk ok : w.answer(step.okPress())) {
                    learn(rules, state, ok);
                    residentOk(homeId, ok.rule(), step.okPress(), out);
                }
                continue;
            }
            RuleDecision d = step.decision();
            List<Rule> answers = new ArrayList<>();
            boolean pass = false;
            for (PreAlertWindows.Out o : w.apply(d.outcome(), rules.home(), config.escalation(), away)) {
                if (o instanceof PreAlertWindows.Out.ResidentOk ok) {
                    learn(rules, state, ok);
                    answers.add(ok.rule());
                } else {
                    pass = true;
                }
            }
            if (!answers.isEmpty()) {
                answers.forEach(rule -> residentOk(homeId, rule, d.at(), out));
            } else if (pass) {
                out.collect(d);
            }
        }
        windows.update(w);
    }

    /** The rule that asked takes what it saw as normal (a home with no rule state yet learns nothing). */
    private static void learn(HomeRules rules, HomeRulesState state, PreAlertWindows.Out.ResidentOk ok) {
        if (state != null) {
            rules.residentOk(state, ok.rule(), ok.at());
        }
    }

    /** The lifecycle of {@code rule} cancels its pre-alert before any carer is texted. */
    private void residentOk(String homeId, Rule rule, Instant pressedAt, Collector<LifecycleCommand> out) {
        answered.add(1);
        out.collect(new ResidentOkCommand(homeId, rule, pressedAt));
    }

    private LongCounter counter(String name) {
        LongCounter counter = new LongCounter();
        getRuntimeContext().addAccumulator(name, counter);
        return counter;
    }
}
