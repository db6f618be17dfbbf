package org.hearth.alerts.ack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.hearth.alerts.audit.AuditLog;
import org.hearth.alerts.config.AlertsConfig;
import org.hearth.alerts.config.Gateways;
import org.hearth.alerts.gateway.InboundSink;
import org.hearth.alerts.gateway.SmsGateway;
import org.hearth.models.registry.KitRegistry;

/**
 * The inbound side of a deployment, wired from the {@code alerts:} section: the HTTP
 * {@link CallbackServer} the SMS gateways call, an {@link AckHandler} that reads carers' texts, and
 * an {@link MqttAckPublisher} that puts what they said on {@code hearth/ack/{homeId}} for the job.
 * Routes whose secret is not in the environment stay off (403), so a deployment enables exactly
 * the gateways it has. Its audit and its reply outbox live under {@code dataDir/callbacks/}, apart
 * from the job's delivery files.
 */
public final class CallbackEndpoint implements AutoCloseable {

    /** The opt-out file under the data folder, shared with delivery (STOP replies stop texts there). */
    public static final String OPT_OUTS = "opt-outs.jsonl";

    private final CallbackServer server;
    private final MqttAckPublisher publisher;
    private final AuditLog audit;

    private CallbackEndpoint(CallbackServer server, MqttAckPublisher publisher, AuditLog audit) {
        this.server = server;
        this.publisher = publisher;
        this.audit = audit;
    }

    /**
     * Starts the endpoint on {@code alerts.callbacks.bind:port}.
     *
     * @param config the {@code alerts:} section
     * @param registry who may text (carers and installers)
     * @param brokerUrl where acknowledgements and away modes are published
     * @param env environment (secrets, the audit salt)
     * @param dataDir the deployment's data folder
     * @param clock wall clock
     */
    public static CallbackEndpoint start(AlertsConfig config, KitRegistry registry, String brokerUrl, Map<String, String> env,
                                         Path dataDir, Clock clock) throws Exception {
        Objects.requireNonNull(config, "config");
        AlertsConfig.Callbacks callbacks = config.callbacks();
        String twilioToken = config.sms().twilio() == null ? null : env.get(config.sms().twilio().authTokenEnv());
        if (twilioToken != null && callbacks.publicBaseUrl() == null) {
            throw new org.hearth.alerts.config.ConfigException(
                    "alerts.callbacks.publicBaseUrl is required for Twilio (its signature covers the public URL)");
        }
        Path dir = Files.createDirectories(dataDir.resolve("callbacks"));
        AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"), clock);
        SmsGateway replies = Gateways.build(config.sms().primary(), config.sms(), env, dir, clock, InboundSink.NONE);
        MqttAckPublisher publisher = new MqttAckPublisher(brokerUrl, "hearth-callbacks");
        try {
            AckHandler handler = new AckHandler(registry, publisher, replies, audit, clock, env.get(config.auditSaltEnv()),
                    OptOuts.open(dataDir.resolve(OPT_OUTS), env.get(config.auditSaltEnv())));
            CallbackServer server = new CallbackServer(callbacks.bind(), callbacks.port(), new CallbackServer.Settings(
                    callbacks.publicBaseUrl(), twilioToken, env.get(callbacks.notifyTokenEnv()), env.get(callbacks.kannelTokenEnv())),
                    handler, audit);
            return new CallbackEndpoint(server, publisher, audit);
        } catch (IOException | RuntimeException e) {
            publisher.close();
            audit.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() throws Exception {
        server.close();
        publisher.close();
        audit.close();
    }
}
