package org.hearth.alerts.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.alerts.TestHomes.NINE_OH_FIVE;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.hearth.models.testing.TestClock;
import org.hearth.alerts.TestHomes;
import org.hearth.alerts.ack.AckHandler;
import org.hearth.alerts.ack.OptOuts;
import org.hearth.alerts.audit.AuditLog;
import org.hearth.alerts.gateway.NotifyGateway;
import org.hearth.alerts.gateway.ReliableSender;
import org.hearth.alerts.gateway.RetryPolicy;
import org.hearth.alerts.gateway.ScriptedGateway;
import org.hearth.alerts.gateway.SmppGateway;
import org.hearth.alerts.gateway.SmsGateway;
import org.hearth.alerts.gateway.TestSmsc;
import org.hearth.alerts.gateway.TwilioGateway;
import org.hearth.alerts.lifecycle.AlertLifecycle;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleInput;
import org.hearth.alerts.render.MessageRenderer;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.models.alert.Rule;
import org.hearth.models.explain.Explanation;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.KitRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery when gateways fail or carers opt out, against real protocol peers: GOV.UK Notify and
 * Twilio spoken by WireMock with their documented error bodies, and a jSMPP SMSC as the working
 * secondary.
 */
class DeliveryFailoverTest {

    private static final String DUTY_LINE = "+447700900000";
    private static final String NOTIFY_KEY = "hearth_test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0";
    private static final String TWILIO_SID = "AC00000000000000000000000000000001";
    private static final String TWILIO_PATH = "/2010-04-01/Accounts/" + TWILIO_SID + "/Messages.json";
    private static final String TWILIO_CREATED = "{\"sid\": \"SM00000000000000000000000000000001\", \"status\": \"queued\"}";

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(NINE_OH_FIVE);
    private final Home home = TestHomes.home();
    private final AlertLifecycle lifecycle = new AlertLifecycle(EscalationPolicy.defaults(), new MessageRenderer());
    private WireMockServer http;
    private TestSmsc smsc;
    private AuditLog audit;
    private DedupeStore store;

    @BeforeEach
    void start() throws Exception {
        http = new WireMockServer(com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        http.start();
        smsc = new TestSmsc("pw");
        audit = new AuditLog(dir.resolve("audit.jsonl"), clock);
        store = DedupeStore.open(dir.resolve("sent.jsonl"));
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
        audit.close();
        smsc.close();
        http.stop();
    }

    private DeliveryService service(List<SmsGateway> gateways, DeliveryService.Options options) {
        AtomicReference<DeliveryService> holder = new AtomicReference<>();
        DeliveryHealth health = new DeliveryHealth(3, DeliveryService.queueFor(holder));
        ReliableSender sender = new ReliableSender(gateways, new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2)),
                d -> { }, new Random(1), audit, clock, 3, health);
        DeliveryService service = new DeliveryService(new RecipientDirectory(DUTY_LINE), store, sender, audit, health, clock, options);
        holder.set(service);
        return service;
    }

    private DeliveryService.Options options(OptOuts optOuts) {
        return new DeliveryService.Options(null, optOuts, new ProviderAlerts(lifecycle), null);
    }

    /** The first text of a fresh urgent alert of {@code rule}, to carer 0. */
    private LifecycleEvent notified(Rule rule, Instant at) {
        return lifecycle.apply(null, new LifecycleInput.Raise(rule, at, new Explanation("usually up by 08:10", "no movement",
                Map.of("usual", "08:10"))), home, null).events().stream()
                .filter(e -> !e.recipients().isEmpty()).findFirst().orElseThrow();
    }

    private SmppGateway smpp() {
        return new SmppGateway(new SmppGateway.Settings("127.0.0.1", smsc.port, "hearth", "pw", "", "Hearth", true, 5_000), null);
    }

    @Test
    void primaryDown_textsFailOverToSmppAndTheDutyLineIsToldThroughSmpp() throws Exception {
        http.stubFor(post("/v2/notifications/sms").willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"error\":\"Exception\",\"message\":\"Internal server error\"}],\"status_code\":500}")));
        try (SmppGateway smpp = smpp()) {
            DeliveryService service = service(List.of(
                    new NotifyGateway(NOTIFY_KEY, http.baseUrl(), "f33517ff-2a88-4f6e-b855-c550268ce08a", null), smpp), options(null));
            List<DeliveryResult> results = new ArrayList<>();
            for (Rule rule : List.of(Rule.NOT_UP, Rule.STILLNESS, Rule.NIGHT_DOOR)) {
                results.addAll(service.deliver(notified(rule, NINE_OH_FIVE), home));
                clock.advance(Duration.ofMinutes(1));
            }
            // Every carer's text went through the SMSC after Notify's retries...
            assertThat(results).filteredOn(r -> r.recipientId().startsWith("h1/"))
                    .extracting(DeliveryResult::status, DeliveryResult::gateway)
                    .containsOnly(org.assertj.core.groups.Tuple.tuple(DeliveryResult.Status.SENT, "smpp"));
            http.verify(6, postRequestedFor(urlEqualTo("/v2/notifications/sms")));
            // ... and after the third, Notify counts as down: the duty line got delivery-failing, through the SMSC.
            List<String> toDutyLine = smsc.submitted.stream().filter(s -> s.getDestAddress().equals("447700900000"))
                    .map(TestSmsc::text).toList();
            assertThat(toDutyLine).singleElement().asString().startsWith("Hearth system: SMS delivery failing")
                    .contains("notify");

            // Later texts go to the SMSC first: Notify (down) is not asked while the SMSC takes them.
            service.deliver(notified(Rule.NOT_HOME, NINE_OH_FIVE.plusSeconds(600)), home);
            http.verify(6, postRequestedFor(urlEqualTo("/v2/notifications/sms")));
        }
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("\"type\":\"gateway-down\"");
    }

    @Test
    void primaryOnAClosedPort_sameFailoverAndAlert() throws Exception {
        int closed = org.hearth.alerts.Peers.freePort();
        try (SmppGateway smpp = smpp()) {
            DeliveryService service = service(List.of(
                    new NotifyGateway(NOTIFY_KEY, "http://127.0.0.1:" + closed, "f33517ff-2a88-4f6e-b855-c550268ce08a", null), smpp),
                    options(null));
            for (Rule rule : List.of(Rule.NOT_UP, Rule.STILLNESS, Rule.NIGHT_DOOR)) {
                service.deliver(notified(rule, NINE_OH_FIVE), home);
            }
        }
        assertThat(smsc.submitted).extracting(s -> s.getDestAddress())
                .containsExactly("447700900123", "447700900123", "447700900123", "447700900000");
    }

    @Test
    void twilio21610_recordsTheOptOutStopsTextingThatCarerAndTellsTheInstaller() throws Exception {
        http.stubFor(post(TWILIO_PATH).withRequestBody(containing("To=%2B447700900123")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 21610, \"message\": \"Attempt to send to unsubscribed recipient\","
                        + " \"more_info\": \"https://www.twilio.com/docs/errors/21610\", \"status\": 400}")));
        http.stubFor(post(TWILIO_PATH).withRequestBody(containing("To=%2B447700900999")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(TWILIO_CREATED)));
        http.stubFor(post(TWILIO_PATH).withRequestBody(containing("To=%2B447700900456")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(TWILIO_CREATED)));
        ScriptedGateway secondary = new ScriptedGateway("smpp");
        OptOuts optOuts = OptOuts.open(dir.resolve("opt-outs.jsonl"), "salt");
        DeliveryService service = service(List.of(new TwilioGateway(TWILIO_SID, "token", "+447700900001", null, null,
                http.baseUrl()), secondary), options(optOuts));

        List<DeliveryResult> results = service.deliver(notified(Rule.NOT_UP, NINE_OH_FIVE), home);
        // Sam's step goes to Alex at once (the next carer moves up), through Twilio.
        assertThat(results).extracting(DeliveryResult::recipientId, DeliveryResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("h1/carer-0", DeliveryResult.Status.OPTED_OUT),
                org.assertj.core.groups.Tuple.tuple("h1/carer-1", DeliveryResult.Status.SENT));
        assertThat(secondary.calls()).isZero(); // no other gateway texts someone who said STOP
        assertThat(optOuts.entries()).extracting(OptOuts.Entry::recipient, OptOuts.Entry::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("h1/carer-0", "twilio-21610"));
        // The home's installer was told, through Twilio, to fix the escalation list.
        http.verify(1, postRequestedFor(urlEqualTo(TWILIO_PATH)).withRequestBody(containing("To=%2B447700900999"))
                .withRequestBody(containing("opted+out")));

        // The next alert does not try Sam at all: Alex has it at once.
        int toSam = http.findAll(postRequestedFor(urlEqualTo(TWILIO_PATH)).withRequestBody(containing("To=%2B447700900123"))).size();
        assertThat(service.deliver(notified(Rule.STILLNESS, NINE_OH_FIVE.plusSeconds(60)), home))
                .extracting(DeliveryResult::recipientId, DeliveryResult::status).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("h1/carer-0", DeliveryResult.Status.OPTED_OUT),
                        org.assertj.core.groups.Tuple.tuple("h1/carer-1", DeliveryResult.Status.SENT));
        assertThat(http.findAll(postRequestedFor(urlEqualTo(TWILIO_PATH)).withRequestBody(containing("To=%2B447700900123"))))
                .hasSize(toSam);
        assertThat(Files.readString(dir.resolve("opt-outs.jsonl"))).doesNotContain("7700");
    }

    @Test
    void stopReply_recordedByTheCallbackSideStopsDeliveryAndTellsTheInstaller() throws Exception {
        ScriptedGateway gateway = new ScriptedGateway("twilio");
        DeliveryService service = service(List.of(gateway), options(OptOuts.open(dir.resolve("opt-outs.jsonl"), "salt")));
        service.knowHomes(List.of(home));
        try (AuditLog callbackAudit = new AuditLog(dir.resolve("callbacks.jsonl"), clock)) {
            AckHandler handler = new AckHandler(new KitRegistry(List.of(home)), a -> { }, null, callbackAudit, clock, "salt",
                    OptOuts.open(dir.resolve("opt-outs.jsonl"), "salt"));
            assertThat(handler.handle("twilio", "07700 900456", "Stop")).isEqualTo(AckHandler.Outcome.OPTED_OUT);
        }
        List<DeliveryResult> told = service.tick(clock.instant());
        assertThat(told).extracting(DeliveryResult::recipientId, DeliveryResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("h1/installer", DeliveryResult.Status.SENT));
        assertThat(gateway.accepted()).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo(TestHomes.INSTALLER_PHONE);
            assertThat(m.body()).contains("carer-1 at home h1 opted out of texts (STOP)");
        });
        assertThat(service.tick(clock.instant())).isEmpty(); // told once

        // Alex (carer-1) is skipped when an alert reaches them and the duty line moves up into the step; Sam still gets his.
        LifecycleEvent toSam = notified(Rule.NOT_UP, NINE_OH_FIVE);
        var escalated = lifecycle.apply(lifecycle.apply(null, new LifecycleInput.Raise(Rule.NOT_UP, NINE_OH_FIVE,
                Explanation.of("usually up by 08:10", "no movement")), home, null).state(),
                new LifecycleInput.Tick(NINE_OH_FIVE.plus(Duration.ofMinutes(10))), home, null).events();
        assertThat(service.deliver(toSam, home)).extracting(DeliveryResult::status).containsExactly(DeliveryResult.Status.SENT);
        List<DeliveryResult> toAlex = new ArrayList<>();
        for (LifecycleEvent e : escalated) {
            toAlex.addAll(service.deliver(e, home));
        }
        assertThat(toAlex).extracting(DeliveryResult::recipientId, DeliveryResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("h1/carer-1", DeliveryResult.Status.OPTED_OUT),
                org.assertj.core.groups.Tuple.tuple("h1/duty-line", DeliveryResult.Status.SENT));
        assertThat(gateway.accepted()).extracting(m -> m.to()).doesNotContain(TestHomes.ALEX_PHONE);
    }
}
