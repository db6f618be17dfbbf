package org.hearth.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.hearth.alerts.config.AlertsConfig;
import org.hearth.alerts.delivery.CarerReplies;
import org.hearth.alerts.delivery.DeliveryServiceFactory;
import org.hearth.alerts.gateway.TestSmsc;
import org.hearth.ingest.IngestOptions;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.testing.TestHomes;
import org.jsmpp.bean.SubmitSm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A carer's reply over SMPP in the live job as {@code hearth run} builds its delivery
 * ({@link DeliveryServiceFactory#fromConfig(String, Path, Clock, CarerReplies)}): the help button's
 * alert goes out as submit_sm to an in-process jSMPP SMSC; the SMSC sends the carer's "OK code" back
 * as deliver_sm down the bound transceiver; the delivery's reply handler publishes it on
 * {@code hearth/ack/h1} through a real broker; the job takes it, tells the carer (again over SMPP)
 * and never escalates to the second carer. The SMSC's delivery receipt for the first text is
 * recorded in the audit under the provider's message id.
 */
class SmppReplyLiveTest {

    private static final String HOMES = TestHomes.HELP_BUTTON_HOME_YAML;
    private static final String FIRST = "447700900123";
    private static final String SECOND = "447700900456";
    private static final Pattern CODE = Pattern.compile("Reply OK (\\d{4})");

    @RegisterExtension
    static final MiniClusterExtension FLINK = LiveJobHarness.miniCluster();

    @TempDir
    Path dir;

    private LiveJobHarness live;
    private TestSmsc smsc;

    @BeforeEach
    void start() throws Exception {
        live = LiveJobHarness.withEmbeddedBroker(dir);
        smsc = new TestSmsc(System.getenv("HEARTH_TEST_SMPP_PASSWORD"));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            live.close();
        } finally {
            smsc.close();
        }
    }

    @Test
    void shouldAcknowledgeTheAlertWhenTheCarerRepliesOkOverSmppAndRecordTheReceipt() throws Exception {
        Clock clock = live.clock();
        // Urgent alerts escalate after 30 s instead of 10 min: a reply from the test (a few seconds after the press) comes first.
        String alertsYaml = """
                escalation: {urgent: 30s, warning: 30s, system: 30s}
                sms:
                  primary: smpp
                  retry: {attempts: 3, baseDelay: 200ms, maxDelay: 1s}
                  smpp: {host: 127.0.0.1, port: %d, systemId: hearth, source: Hearth, passwordEnv: HEARTH_TEST_SMPP_PASSWORD}
                """.formatted(smsc.port);
        AlertsConfig alerts = AlertsConfig.parse(alertsYaml);

        StreamExecutionEnvironment env = live.environment(300);
        IngestOptions ingest = IngestOptions.live(clock)
                .withOutOfOrderness(Duration.ofMillis(200))
                .withAllowedLateness(Duration.ofMillis(500))
                .withIdleAfter(Duration.ofMillis(300));
        DeliveryServiceFactory delivery = DeliveryServiceFactory.fromConfig(alertsYaml, live.data(), clock,
                new CarerReplies(HOMES, live.brokerUri(), "smpp-test-replies"));
        new LiveJob(live.settings(new DetectionJobConfig(HOMES, null, alerts.escalationPolicy()), ingest, delivery))
                .attach(env, live.sensors(HOMES, "smpp-test"), null, live.carers("smpp-test-carers"));
        live.start(env, "smpp-reply-test");

        // The delivery task binds its transceiver at start, before it has anything to send.
        await().atMost(Duration.ofSeconds(60)).until(smsc::hasBoundSession);

        try (LiveJobHarness.Hub hub = live.hub("hub-h1")) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                hub.publish("hearth/h1/button", "{\"ts\": \"" + clock.instant() + "\", \"kind\": \"button\", \"value\": 1}");
                return !textsTo(FIRST).isEmpty();
            });
        }
        Matcher m = CODE.matcher(textsTo(FIRST).get(0));
        assertThat(m.find()).as("reply code in the first text").isTrue();
        String code = m.group(1);
        String providerId = sentRef(live.audit()).orElseThrow();

        smsc.reply(FIRST, "ok " + code);
        await().atMost(Duration.ofSeconds(60)).until(() -> textsTo(FIRST).stream().anyMatch(t -> t.contains("taken by a carer")));
        List<JsonNode> audit = live.audit();
        assertThat(audit).anyMatch(e -> e.path("type").asText().equals("ack") && e.path("gateway").asText().equals("smpp")
                && e.path("outcome").asText().equals("code-" + code) && e.path("recipient").asText().equals("h1/carer-0"));

        smsc.receipt(providerId, FIRST);
        await().atMost(Duration.ofSeconds(30)).until(() -> live.audit().stream()
                .anyMatch(e -> e.path("type").asText().equals("receipt") && e.path("ref").asText().equals(providerId)
                        && e.path("outcome").asText().equals("delivrd")));

        // The second carer was never texted. Seeing "taken" is enough to know: the lifecycle applies the
        // reply and the escalation timer in event-time order, and its events reach the one delivery task in
        // order, so an escalation (earlier in event time) would have been submitted before "taken".
        assertThat(textsTo(SECOND)).isEmpty();
        assertThat(audit).noneMatch(e -> e.path("key").asText().endsWith("/step-1"));
        assertThat(smsc.submitted).extracting(SubmitSm::getDestAddress).containsOnly(FIRST);
    }

    private List<String> textsTo(String number) {
        List<String> texts = new ArrayList<>();
        for (SubmitSm s : smsc.submitted) {
            if (s.getDestAddress().equals(number)) {
                texts.add(TestSmsc.text(s));
            }
        }
        return texts;
    }

    /** The provider's message id of the first text the SMSC accepted, as delivery audited it. */
    private static Optional<String> sentRef(List<JsonNode> audit) {
        return audit.stream().filter(e -> e.path("type").asText().equals("sent") && e.path("gateway").asText().equals("smpp"))
                .map(e -> e.path("ref").asText()).findFirst();
    }
}
