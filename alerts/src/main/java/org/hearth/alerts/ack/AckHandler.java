package org.hearth.alerts.ack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hearth.alerts.audit.AuditLog;
import org.hearth.alerts.gateway.InboundSink;
import org.hearth.alerts.gateway.SmsGateway;
import org.hearth.alerts.gateway.SmsMessage;
import org.hearth.alerts.route.Recipient;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.KitRegistry;

/**
 * Decides what an inbound text means. "OK code" from a number registered for a home (a carer or
 * the installer) becomes an {@link Acknowledgement} on the MQTT ack topic of every home that number
 * serves (the code picks the alert); "AWAY hospital 5d" and "BACK" become an {@link AwayCommand} on
 * the same topic, confirmed to the sender by text. Anything else is audited without its content or number (a
 * keyed hash stands for the sender), and a registered number gets the help text at most once an
 * hour. Unknown numbers get no answer: replying to strangers costs money and invites SMS-pumping
 * fraud, and tells them nothing useful.
 *
 * <p>Delivery receipts are audited by provider id and status.
 */
public final class AckHandler implements InboundSink {

    public static final String HELP_TEXT = "Hearth: reply OK and the alert's 4-digit code to take it (e.g. OK 4821). "
            + "AWAY 5d pauses monitoring, BACK resumes. Otherwise call your care provider.";

    private static final java.time.format.DateTimeFormatter UNTIL =
            java.time.format.DateTimeFormatter.ofPattern("EEE d MMM HH:mm", java.util.Locale.UK);

    private record Registration(String homeId, Recipient who, String alias, java.time.ZoneId zone) {}

    /** What the handler did with one inbound text (for callers and tests; never logged with content). */
    public enum Outcome { ACKNOWLEDGED, AWAY_SET, AWAY_ENDED, OPTED_OUT, UNKNOWN_NUMBER, NOT_UNDERSTOOD, PUBLISH_FAILED }

    private final Map<String, List<Registration>> byNumber = new HashMap<>();
    /** Each home's country calling code, taken from its registered numbers (installer, else first carer). */
    private final Map<String, String> countryByHome = new HashMap<>();
    private final AckPublisher publisher;
    private final SmsGateway replies;
    private final AuditLog audit;
    private final Clock clock;
    private final byte[] salt;
    private final Map<String, Instant> lastHelp = new HashMap<>();
    private final OptOuts optOuts;

    /**
     * @param registry homes with their carers and installer
     * @param publisher where acknowledgements go
     * @param replies the gateway that sends the help text (sent directly: help is not an alert step)
     * @param audit the audit log
     * @param clock wall clock (help rate limit, acknowledgement time)
     * @param salt secret for the sender hash in the audit (so a hash cannot be reversed by trying numbers)
     */
    public AckHandler(KitRegistry registry, AckPublisher publisher, SmsGateway replies, AuditLog audit, Clock clock, String salt) {
        this(registry, publisher, replies, audit, clock, salt, null);
    }

    /**
     * @param optOuts where a carer's STOP is recorded (shared with delivery, which stops texting them
     *     and tells the provider), or null to ignore STOP
     */
    public AckHandler(KitRegistry registry, AckPublisher publisher, SmsGateway replies, AuditLog audit, Clock clock, String salt,
                      OptOuts optOuts) {
        this.optOuts = optOuts;
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.replies = replies;
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.salt = (salt == null ? "" : salt).getBytes(StandardCharsets.UTF_8);
        for (Home home : registry.homes()) {
            for (int i = 0; i < home.carers().size(); i++) {
                register(home.carers().get(i).phone(), new Registration(home.id(), Recipient.carer(i), home.residentAlias(), home.zone()));
            }
            if (home.installer() != null) {
                register(home.installer().phone(), new Registration(home.id(), Recipient.INSTALLER, home.residentAlias(), home.zone()));
            }
            homeCountry(home).ifPresent(cc -> countryByHome.put(home.id(), cc));
        }
    }

    private static Optional<String> homeCountry(Home home) {
        java.util.stream.Stream<org.hearth.models.registry.Carer> numbers = java.util.stream.Stream.concat(
                java.util.stream.Stream.ofNullable(home.installer()), home.carers().stream());
        return numbers.map(c -> PhoneNumbers.countryCode(c.phone())).filter(Objects::nonNull).findFirst();
    }

    /**
     * The registrations a sender's number stands for. A national number ({@code 07…}, as SMSCs and
     * Kannel often give it) is completed with each home's country and matches that home only.
     */
    private List<Registration> registrations(String number) {
        if (!PhoneNumbers.isNational(number)) {
            return byNumber.getOrDefault(number, List.of());
        }
        List<Registration> found = new ArrayList<>();
        for (Map.Entry<String, String> home : countryByHome.entrySet()) {
            for (Registration r : byNumber.getOrDefault(PhoneNumbers.normalise(number, home.getValue()), List.of())) {
                if (r.homeId().equals(home.getKey())) {
                    found.add(r);
                }
            }
        }
        return found;
    }

    /** The E.164 form of a sender once matched (replies go there), or the number as given. */
    private static String e164(String number, List<Registration> registrations, Map<String, String> countryByHome) {
        return PhoneNumbers.isNational(number) && !registrations.isEmpty()
                ? PhoneNumbers.normalise(number, countryByHome.get(registrations.get(0).homeId())) : number;
    }

    private void register(String phone, Registration registration) {
        if (phone != null && !phone.isBlank()) {
            byNumber.computeIfAbsent(PhoneNumbers.normalise(phone), n -> new ArrayList<>()).add(registration);
        }
    }

    /** @throws InboundSink.NotTaken when the command could not be published (audited): ask the gateway to redeliver */
    @Override
    public void inbound(String gateway, String from, String text) {
        if (handle(gateway, from, text) == Outcome.PUBLISH_FAILED) {
            throw new InboundSink.NotTaken("publish-failed");
        }
    }

    /** Handles one inbound text and says what it meant. */
    public synchronized Outcome handle(String gateway, String from, String text) {
        List<Registration> registrations = registrations(PhoneNumbers.normalise(from));
        String number = e164(PhoneNumbers.normalise(from), registrations, countryByHome);
        String sender = senderId(number);
        if (registrations.isEmpty()) {
            audit.record("inbound-rejected", null, sender, gateway, null, "unknown-number");
            return Outcome.UNKNOWN_NUMBER;
        }
        Optional<ReplyParser.Reply> reply = ReplyParser.parse(text);
        if (reply.isEmpty()) {
            audit.record("inbound-rejected", null, sender, gateway, null, "not-understood");
            help(number, sender);
            return Outcome.NOT_UNDERSTOOD;
        }
        Instant now = clock.instant();
        if (reply.get() instanceof ReplyParser.Reply.Stop) {
            return stop(registrations, gateway, number, now);
        }
        if (reply.get() instanceof ReplyParser.Reply.Ok ok) {
            for (Registration r : registrations) {
                String who = r.homeId() + "/" + r.who().id();
                try {
                    publisher.publish(new Acknowledgement(r.homeId(), ok.code(), r.who().id(), now));
                    audit.record("ack", null, who, gateway, null, "code-" + ok.code());
                } catch (Exception e) {
                    audit.record("ack-publish-failed", null, who, gateway, null, e.getClass().getSimpleName());
                    return Outcome.PUBLISH_FAILED;
                }
            }
            return Outcome.ACKNOWLEDGED;
        }
        return away(reply.get(), registrations, gateway, number, sender, now);
    }

    /**
     * AWAY or BACK: published for every home the number serves (the job keeps the away mode per home),
     * audited with kind and end but no content, and confirmed to the sender with the resident's
     * alias, so that a carer knows monitoring is paused and until when.
     */
    private Outcome away(ReplyParser.Reply reply, List<Registration> registrations, String gateway, String number,
                         String sender, Instant received) {
        // Whole seconds: the end is shown to people, and long digit runs read as phone numbers to the audit.
        Instant now = received.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (Registration r : registrations) {
            String who = r.homeId() + "/" + r.who().id();
            AwayCommand command = reply instanceof ReplyParser.Reply.Away a
                    ? AwayCommand.away(r.homeId(), a.kind(), now.plus(a.duration()), r.who().id(), now)
                    : AwayCommand.back(r.homeId(), r.who().id(), now);
            try {
                publisher.publish(command);
                audit.record(command.isBack() ? "away-ended" : "away-set", null, who, gateway, null,
                        command.isBack() ? "back" : command.kind().wireName() + "-until-" + command.until());
            } catch (Exception e) {
                audit.record("away-publish-failed", null, who, gateway, null, e.getClass().getSimpleName());
                return Outcome.PUBLISH_FAILED;
            }
            confirm(command, r, number, sender);
        }
        return reply instanceof ReplyParser.Reply.Back ? Outcome.AWAY_ENDED : Outcome.AWAY_SET;
    }

    private void confirm(AwayCommand command, Registration r, String number, String sender) {
        if (replies == null) {
            return;
        }
        String body = command.isBack()
                ? "Hearth: monitoring of " + r.alias() + " resumed."
                : "Hearth: monitoring of " + r.alias() + " paused (" + command.kind().wireName() + ") until "
                        + UNTIL.format(command.until().atZone(r.zone())) + ". Help button stays on. Reply BACK to resume.";
        String key = "away/" + r.homeId() + "/" + sender + "/" + command.at().getEpochSecond();
        try {
            replies.send(new SmsMessage(key, number, body, sender));
            audit.record("away-confirmed", key, sender, replies.name(), null, null);
        } catch (Exception e) {
            audit.record("away-confirm-failed", key, sender, replies.name(), null, e.getClass().getSimpleName());
        }
    }

    /**
     * STOP: the carer wants no more texts. Recorded for every home the number serves; delivery
     * then skips them and raises {@code carer-opted-out} for the installer and duty line. No reply
     * is sent (their network or Twilio confirms STOP itself; Hearth must not text them again).
     */
    private Outcome stop(List<Registration> registrations, String gateway, String number, Instant now) {
        for (Registration r : registrations) {
            String who = r.homeId() + "/" + r.who().id();
            if (optOuts != null) {
                optOuts.record(who, number, "stop-reply", now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            }
            audit.record("opted-out", null, who, gateway, null, optOuts == null ? "stop-not-recorded" : "stop-reply");
        }
        return Outcome.OPTED_OUT;
    }

    @Override
    public void receipt(String gateway, String providerId, String status) {
        audit.record("receipt", null, null, gateway, null, status == null ? "unknown" : status.toLowerCase(java.util.Locale.ROOT),
                providerId);
    }

    private void help(String number, String sender) {
        Instant now = clock.instant();
        Instant last = lastHelp.get(number);
        if (replies == null || (last != null && Duration.between(last, now).compareTo(Duration.ofHours(1)) < 0)) {
            audit.record("help-suppressed", null, sender, null, null, "rate-limit");
            return;
        }
        lastHelp.put(number, now);
        String key = "help/" + sender + "/" + now.getEpochSecond() / 3600;
        try {
            replies.send(new SmsMessage(key, number, HELP_TEXT, sender));
            audit.record("help-sent", key, sender, replies.name(), null, null);
        } catch (Exception e) {
            audit.record("help-failed", key, sender, replies.name(), null, e.getClass().getSimpleName());
        }
    }

    /** {@code sender:} and 12 hex characters of a salted SHA-256: stable per number, not reversible without the salt. */
    private String senderId(String number) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return "sender:" + HexFormat.of().formatHex(sha.digest(number.getBytes(StandardCharsets.UTF_8)), 0, 6)
                    .replaceAll("\\d{7,}", "x");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
