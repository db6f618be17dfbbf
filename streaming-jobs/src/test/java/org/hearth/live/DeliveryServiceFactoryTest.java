package org.hearth.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hearth.alerts.delivery.DeliveryResult;
import org.hearth.alerts.delivery.DeliveryService;
import org.hearth.alerts.delivery.DeliveryServiceFactory;
import org.hearth.alerts.lifecycle.AlertLifecycle;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleInput;
import org.hearth.alerts.render.MessageRenderer;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.models.testing.TestClock;
import org.hearth.models.alert.Rule;
import org.hearth.models.explain.Explanation;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.RegistryLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live job's delivery as {@code hearth run} builds it from {@code hearth.yaml}: with the
 * primary gateway down (Twilio's API on a closed port), texts fail over to the secondary, the duty
 * line gets {@code delivery-failing} through it, and trends go out in the digest at
 * {@code alerts.digest.at}.
 */
class DeliveryServiceFactoryTest {

    private static final String HOMES = """
            homes:
              - id: h1
                resident: {id: r1, alias: "J.S."}
                sensors:
                  - {id: bed, kind: bed, room: bedroom, role: bed}
                carers:
                  - {name: Sam, phone: "+447700900123"}
                  - {name: Alex, phone: "+447700900456"}
            """;

    @TempDir
    Path dir;

    @Test
    void fromConfig_primaryDownFailsOverTellsTheDutyLineAndSendsTheDigestAtItsTime() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String alerts = """
                dutyLine: "+447700900000"
                digest: {at: "18:00"}
                sms:
                  primary: twilio
                  secondary: outbox
                  retry: {attempts: 1}
                  failingAfter: 2
                  twilio: {accountSid: AC00000000000000000000000000000001, from: "+447700900001",
                           baseUrl: "http://127.0.0.1:%d", authTokenEnv: PATH}
                """.formatted(closed);
        TestClock clock = new TestClock(Instant.parse("2026-11-23T09:05:00Z"));
        Home home = new RegistryLoader().parse("homes.yaml", HOMES).homes().get(0);
        AlertLifecycle lifecycle = new AlertLifecycle(EscalationPolicy.defaults(), new MessageRenderer());
        DeliveryService delivery = DeliveryServiceFactory.fromConfig(alerts, dir, clock).create();

        List<DeliveryResult> results = new java.util.ArrayList<>();
        for (Rule rule : List.of(Rule.NOT_UP, Rule.STILLNESS)) {
            for (LifecycleEvent e : lifecycle.apply(null, new LifecycleInput.Raise(rule, clock.instant(),
                    new Explanation("usually up by 08:10", "no movement", Map.of("usual", "08:10"))), home, null).events()) {
                results.addAll(delivery.deliver(e, home));
            }
        }
        assertThat(results).extracting(DeliveryResult::gateway).containsExactly("outbox", "outbox");
        List<String> outbox = Files.readAllLines(dir.resolve("outbox/sms.jsonl"));
        assertThat(outbox).hasSize(3);
        assertThat(outbox.get(2)).contains("+447700900000").contains("Hearth system: SMS delivery failing");
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("\"type\":\"gateway-down\"").contains("twilio");

        // A trend raised in the morning goes out at 18:00 local time, once, to both carers.
        for (LifecycleEvent e : lifecycle.apply(null, new LifecycleInput.Raise(Rule.BATHROOM_TREND, clock.instant(),
                Explanation.of(null, "rising for 7 days")), home, null).events()) {
            delivery.deliver(e, home);
        }
        clock.advance(Duration.ofHours(8));
        assertThat(delivery.tick()).isEmpty(); // 17:05
        clock.advance(Duration.ofMinutes(55));
        assertThat(delivery.tick()).extracting(DeliveryResult::recipientId).containsExactly("h1/carer-0", "h1/carer-1");
        assertThat(delivery.tick()).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("outbox/sms.jsonl"))).hasSize(5).last().asString()
                .contains("Hearth: daily summary for J.S.: bathroom visits rising");
    }
}
