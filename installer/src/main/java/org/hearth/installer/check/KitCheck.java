package org.hearth.installer.check;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.decode.DecodeResult;
import org.hearth.ingest.decode.MessageDecoder;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.ingest.validate.MessageIngestor;
import org.hearth.ingest.validate.ValidationPolicy;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.HubFormat;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.Sensor;

/**
 * Commissioning one home, in plain Java: fed the messages on the home's topics, it keeps who has
 * been heard, what they said, who is talking without being registered, and which roles the
 * installer's test actions confirmed; then it gives the verdict. No broker, no terminal, no
 * threads: {@link KitCheckRunner} moves messages and keystrokes in, and the clock is injected.
 *
 * <p>Messages go through ingest's own decoders and validation, so a kit that passes here decodes
 * the same way in the detection job. A broker's retained copy of an old message is not proof that
 * a sensor works today (Zigbee2MQTT can retain device state): it is shown, never counted as seen.
 *
 * <p>Not thread-safe: one thread feeds it.
 */
public final class KitCheck {

    /** Kinds the rules never read: their silence is shown but does not fail the check. */
    private static final Set<SensorKind> INFORMATIONAL = EnumSet.of(SensorKind.TEMPERATURE, SensorKind.HUMIDITY);

    private final Home home;
    private final Clock clock;
    private final double kettleOnWatts;
    private final Instant startedAt;
    private final MessageIngestor ingestor;
    private final MessageDecoder decoder;
    private final List<String> zigbeeBases;
    private final Map<String, SensorSighting> sightings = new LinkedHashMap<>();
    private final Map<String, UnregisteredDevice> unregistered = new LinkedHashMap<>();
    private final Map<DeadLetterReason, Integer> rejected = new LinkedHashMap<>();
    private final List<RoleOutcome> outcomes = new ArrayList<>();
    private String lastRejection;
    private RoleTest activeTest;
    private Instant activeSince;
    private Instant activeDeadline;

    /**
     * @param home the home being commissioned, from a validated registry
     * @param clock the check's clock: arrival times, prompt deadlines
     * @param kettleOnWatts the power the kettle test must exceed
     */
    public KitCheck(Home home, Clock clock, double kettleOnWatts) {
        this.home = home;
        this.clock = clock;
        this.kettleOnWatts = kettleOnWatts;
        this.startedAt = clock.instant();
        RoutingTable table = RoutingTable.of(new KitRegistry(List.of(home)));
        this.ingestor = new MessageIngestor(table, ValidationPolicy.live(), clock);
        this.decoder = new MessageDecoder(table);
        this.zigbeeBases = home.hubs().stream().filter(h -> h.format() == HubFormat.ZIGBEE2MQTT)
                .map(h -> stripSlashes(h.base())).toList();
        Map<String, String> labels = SensorLabel.of(home.sensors());
        for (Sensor s : home.sensors()) {
            sightings.put(s.id(), SensorSighting.unseen(s, labels.get(s.id()), isRequired(s)));
        }
    }

    /** Whether a silent sensor fails the check: every sensor a rule reads (all but temperature and humidity). */
    public static boolean isRequired(Sensor sensor) {
        return !INFORMATIONAL.contains(sensor.kind());
    }

    public Home home() {
        return home;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /**
     * The topic filters that carry this home's traffic: its native topics, its Zigbee2MQTT bases,
     * its Shelly and Tasmota devices' own topics. Nothing of other homes.
     */
    public List<String> topicFilters() {
        List<String> filters = new ArrayList<>();
        filters.add(RoutingTable.NATIVE_ROOT + "/" + home.id() + "/+");
        RoutingTable table = RoutingTable.of(new KitRegistry(List.of(home)));
        table.topicFilters().stream().filter(f -> !f.startsWith(RoutingTable.NATIVE_ROOT + "/")).forEach(filters::add);
        return List.copyOf(filters);
    }

    /**
     * Takes one message off the home's topics.
     *
     * @param message the message; its {@code receivedAt} is the check clock's time of arrival
     * @param retained whether the broker flagged it as a retained copy
     * @return what it told us that is new (a first sighting, a changed value, a new stranger, a
     *     confirmed role), one line each, for a plain log of the check; empty for a repetition
     */
    public List<String> accept(MqttMessage message, boolean retained) {
        DecodeResult result = retained ? decoder.decode(message) : ingestor.ingest(message);
        List<String> notes = new ArrayList<>();
        for (SensorEvent event : result.events()) {
            addIfAny(notes, apply(event, message.receivedAt(), retained));
        }
        for (DeadLetter dead : result.deadLetters()) {
            addIfAny(notes, reject(dead, message.receivedAt()));
        }
        return notes;
    }

    /** Applies one event; returns a note when something changed, or null when it only repeated itself. */
    private String apply(SensorEvent event, Instant at, boolean retained) {
        SensorSighting s = sightings.get(event.sensorId());
        if (s == null) {
            return null;
        }
        String name = s.label() + " (" + s.sensor().id() + "): ";
        String value = ValueText.of(event.kind(), event.value());
        if (event.kind() == SensorKind.AVAILABILITY) {
            sightings.put(s.sensor().id(), s.withOnline(event.isOn()));
            return Boolean.valueOf(event.isOn()).equals(s.online()) ? null : name + "hub says " + value;
        }
        if (retained) {
            sightings.put(s.sensor().id(), s.withRetained(event.kind(), event.value(), event.battery(), event.linkQuality()));
            return s.seen() ? null : name + "retained " + value + " (old news, not counted)";
        }
        SensorSighting now = s.withReading(event.kind(), event.value(), event.battery(), event.linkQuality(), at);
        sightings.put(s.sensor().id(), now);
        boolean changed = !s.seen() || s.lastKind() != now.lastKind() || s.lastValue() != now.lastValue()
                || !Objects.equals(s.battery(), now.battery());
        StringBuilder note = new StringBuilder(s.seen() ? "" : "first ").append(name).append(value);
        if (now.battery() != null) {
            note.append(", battery ").append(now.battery()).append('%');
        }
        if (now.linkQuality() != null) {
            note.append(", link ").append(now.linkQuality());
        }
        if (activeTest != null && activeTest.confirmedBy(event, kettleOnWatts)) {
            RoleOutcome done = RoleOutcome.confirmed(activeTest, Duration.between(activeSince, at));
            outcomes.add(done);
            activeTest = null;
            return note.append(" -> ").append(done.line()).toString();
        }
        return changed ? note.toString() : null;
    }

    private String reject(DeadLetter dead, Instant at) {
        Optional<String> stranger = strangerName(dead);
        if (stranger.isPresent()) {
            String name = stranger.get();
            UnregisteredDevice before = unregistered.get(name);
            unregistered.put(name, new UnregisteredDevice(dead.topic(), name, before == null ? 1 : before.messages() + 1, at));
            return before != null ? null : "unregistered device '" + name + "' talking on " + dead.topic();
        }
        rejected.merge(dead.reason(), 1, Integer::sum);
        String rejection = dead.reason().wireName() + ": " + dead.detail();
        boolean repeated = rejection.equals(lastRejection);
        lastRejection = rejection;
        return repeated ? null : "rejected " + rejection;
    }

    /** The name an unregistered device uses on this home's topics, if the dead letter is one. */
    private Optional<String> strangerName(DeadLetter dead) {
        if (dead.reason() == DeadLetterReason.UNKNOWN_SENSOR) {
            String prefix = RoutingTable.NATIVE_ROOT + "/" + home.id() + "/";
            return dead.topic().startsWith(prefix) ? Optional.of(dead.topic().substring(prefix.length())) : Optional.empty();
        }
        if (dead.reason() == DeadLetterReason.UNKNOWN_DEVICE) {
            for (String base : zigbeeBases) {
                if (dead.topic().startsWith(base + "/")) {
                    String name = dead.topic().substring(base.length() + 1);
                    return Optional.of(name.endsWith("/availability")
                            ? name.substring(0, name.length() - "/availability".length()) : name);
                }
            }
        }
        return Optional.empty();
    }

    private static void addIfAny(List<String> notes, String note) {
        if (note != null) {
            notes.add(note);
        }
    }

    /**
     * Starts waiting for a role's reaction; only readings that arrive from now on count, so a
     * kettle left on before the prompt proves nothing.
     */
    public void startTest(RoleTest test, Duration timeout) {
        Instant now = clock.instant();
        activeTest = test;
        activeSince = now;
        activeDeadline = now.plus(timeout);
    }

    /** The installer chose to skip the running test. */
    public Optional<RoleOutcome> skipTest() {
        if (activeTest == null) {
            return Optional.empty();
        }
        RoleOutcome skipped = RoleOutcome.skipped(activeTest);
        outcomes.add(skipped);
        activeTest = null;
        return Optional.of(skipped);
    }

    /** Ends the running test if its time is up; call on every tick. */
    public Optional<RoleOutcome> expireTest() {
        if (activeTest == null || clock.instant().isBefore(activeDeadline)) {
            return Optional.empty();
        }
        RoleOutcome timedOut = RoleOutcome.timedOut(activeTest, Duration.between(activeSince, activeDeadline));
        outcomes.add(timedOut);
        activeTest = null;
        return Optional.of(timedOut);
    }

    /** The running test, if any. */
    public Optional<RoleTest> activeTest() {
        return Optional.ofNullable(activeTest);
    }

    /** Every finished test, in order. */
    public List<RoleOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public List<SensorSighting> sightings() {
        return List.copyOf(sightings.values());
    }

    public List<UnregisteredDevice> unregistered() {
        return List.copyOf(unregistered.values());
    }

    /** Messages from this home's topics that did not decode, by reason (not unregistered devices). */
    public Map<DeadLetterReason, Integer> rejected() {
        return Map.copyOf(rejected);
    }

    /** The last rejection's reason and detail, or null. Ids only, never personal data. */
    public String lastRejection() {
        return lastRejection;
    }

    /** The verdict on what has been heard so far. */
    public CheckVerdict verdict() {
        return CheckVerdict.of(home.id(), sightings(), unregistered(), outcomes());
    }

    private static String stripSlashes(String base) {
        String b = base.trim();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return b;
    }
}
