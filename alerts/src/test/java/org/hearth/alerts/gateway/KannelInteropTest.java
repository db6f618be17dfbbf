package org.hearth.alerts.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hearth.alerts.Peers;
import org.hearth.alerts.TestHomes;
import org.hearth.alerts.ack.AckHandler;
import org.hearth.alerts.ack.Acknowledgement;
import org.hearth.alerts.ack.CallbackServer;
import org.hearth.alerts.audit.AuditLog;
import org.hearth.models.registry.KitRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Kannel: Hearth's Kannel gateway submits over HTTP sendsms to smsbox, bearerbox routes it
 * to Kannel's fakesmsc (a test SMSC), which prints what it got; fakesmsc's own text "OK 4821" from a
 * carer's number travels back through bearerbox and smsbox's get-url into Hearth's callback
 * endpoint and becomes an acknowledgement. Skipped where Debian's kannel packages are not installed.
 */
class KannelInteropTest {

    private static final String BEARERBOX = "/usr/sbin/bearerbox";
    private static final String SMSBOX = "/usr/sbin/smsbox";
    private static final String FAKESMSC = "/usr/lib/kannel/test/fakesmsc";

    @TempDir
    Path dir;

    @Test
    void kannelGateway_deliversToFakesmscAndReplyComesBackAsAck() throws Exception {
        assumeTrue(Peers.executable(BEARERBOX) && Peers.executable(SMSBOX) && Peers.executable(FAKESMSC),
                "Kannel not installed (apt-get install kannel kannel-extras): skipping the real-Kannel test");
        List<Acknowledgement> acks = new CopyOnWriteArrayList<>();
        int admin = Peers.freePort();
        int boxPort = Peers.freePort();
        int smscPort = Peers.freePort();
        int sendsms = Peers.freePort();
        Process bearerbox = null;
        Process smsbox = null;
        Process fakesmsc = null;
        try (AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"), Clock.systemUTC())) {
            AckHandler handler = new AckHandler(new KitRegistry(List.of(TestHomes.home())), acks::add, null, audit, Clock.systemUTC(), "s");
            try (CallbackServer callbacks = new CallbackServer("127.0.0.1", 0,
                    new CallbackServer.Settings("http://127.0.0.1", null, null, "kt0ken"), handler, audit)) {
                String base = "http://127.0.0.1:" + callbacks.port();
                Path conf = dir.resolve("kannel.conf");
                Files.writeString(conf, """
                        group = core
                        admin-port = %d
                        admin-password = not-used-%d
                        admin-interface = 127.0.0.1
                        smsbox-port = %d
                        box-allow-ip = 127.0.0.1
                        log-file = "%s/bearerbox.log"
                        log-level = 1
                        dlr-storage = internal

                        group = smsc
                        smsc = fake
                        smsc-id = fake
                        host = 127.0.0.1
                        port = %d
                        connect-allow-ip = 127.0.0.1

                        group = smsbox
                        bearerbox-host = 127.0.0.1
                        bearerbox-port = %d
                        sendsms-port = %d
                        sendsms-interface = 127.0.0.1
                        log-file = "%s/smsbox.log"
                        log-level = 1
                        access-log = "%s/access.log"

                        group = sendsms-user
                        username = hearth
                        password = pw

                        group = sms-service
                        keyword = default
                        get-url = "%s/sms/kannel/inbound?token=kt0ken&from=%%p&text=%%a"
                        max-messages = 0
                        catch-all = true
                        """.formatted(admin, admin, boxPort, dir, smscPort, boxPort, sendsms, dir, dir, base));
                bearerbox = new ProcessBuilder(BEARERBOX, conf.toString()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("bearerbox.out").toFile()).start();
                Peers.awaitListening(boxPort, Duration.ofSeconds(15), bearerbox, dir.resolve("bearerbox.out"));
                Peers.awaitListening(smscPort, Duration.ofSeconds(15), bearerbox, dir.resolve("bearerbox.out"));
                smsbox = new ProcessBuilder(SMSBOX, conf.toString()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("smsbox.out").toFile()).start();
                Peers.awaitListening(sendsms, Duration.ofSeconds(15), smsbox, dir.resolve("smsbox.out"));
                Path fakeOut = dir.resolve("fakesmsc.out");
                fakesmsc = new ProcessBuilder(FAKESMSC, "-H", "127.0.0.1", "-r", Integer.toString(smscPort), "-i", "0.2", "-m", "1",
                        "447700900456 447700900001 text OK 4821").redirectErrorStream(true).redirectOutput(fakeOut.toFile()).start();

                KannelGateway gateway = new KannelGateway(new KannelGateway.Settings(
                        "http://127.0.0.1:" + sendsms + "/cgi-bin/sendsms", "hearth", "pw", "Hearth",
                        base + "/sms/kannel/dlr?token=kt0ken"));
                String text = "Hearth: J.S. not up yet (usually by 08:10). Reply OK 4821 to take this.";
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() ->
                        assertThat(gateway.send(new SmsMessage("a1/carer-0/step-0", TestHomes.SAM_PHONE, text, "h1/carer-0"))
                                .gateway()).isEqualTo("kannel"));

                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(Files.readString(fakeOut)).contains("Got message").contains("+447700900123 text " + text));
                // The credentials travel in X-Kannel-* headers, and smsbox reads them there: a wrong
                // password is refused (403, permanent), and none is in the URL that Kannel logs.
                KannelGateway wrong = new KannelGateway(new KannelGateway.Settings(
                        "http://127.0.0.1:" + sendsms + "/cgi-bin/sendsms", "hearth", "not-pw", "Hearth", null));
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrong.send(
                        new SmsMessage("a1/carer-0/step-1", TestHomes.SAM_PHONE, "x", "h1/carer-0")))
                        .isInstanceOfSatisfying(GatewayException.class, e -> {
                            assertThat(e.code()).isEqualTo("http-403");
                            assertThat(e.retryable()).isFalse();
                        });
                assertThat(Files.readString(dir.resolve("access.log"))).contains("Hearth")
                        .doesNotContain("password").doesNotContain("pw]").doesNotContain("username=");

                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(acks).extracting(Acknowledgement::homeId, Acknowledgement::code, Acknowledgement::by)
                                .containsExactly(org.assertj.core.groups.Tuple.tuple("h1", "4821", "carer-1")));
            }
        } finally {
            Peers.stop(fakesmsc);
            Peers.stop(smsbox);
            Peers.stop(bearerbox);
        }
    }
}
