package org.hearth.alerts.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hearth.alerts.render.Gsm7;
import org.hearth.alerts.render.SmsEncoding;
import org.hearth.alerts.render.SmsLength;
import org.hearth.models.time.Backoff;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.InvalidDeliveryReceiptException;

/**
 * SMPP 3.4 to an SMSC or aggregator (jSMPP): binds as transceiver (or transmitter), sends with
 * submit_sm asking for a delivery receipt, and hands deliver_sm back to an {@link InboundSink} —
 * receipts by message id, carers' replies by sender. GSM-7 texts go as unpacked septets with
 * data_coding 0x00 (SMSC default alphabet), anything else as UCS-2 with data_coding 0x08; no
 * message class is set, because SMPP 3.4's table (5.2.19) reserves 0x11/0x19 and some SMSCs refuse
 * or mangle them. A text longer than one segment travels in the message_payload parameter, which
 * the SMSC splits.
 *
 * <p>{@link #start()} keeps the session bound from then on, not only while sending: carers' replies
 * and delivery receipts arrive on the transceiver link, so a link that dropped overnight would
 * otherwise hold them until the next outbound text. A dropped or refused bind is retried with
 * exponential backoff ({@code rebindMin} doubling to {@code rebindMax}). Sends are serialized.
 *
 * <p>Inbound senders are handed on in E.164 ({@code +447700900123}) when the SMSC says the number is
 * international (TON 1) or it carries an international prefix; a national number (TON 2, or a
 * leading 0) is handed on in national form ({@code 07700900123}), for the receiver to complete
 * with the home's country ({@code PhoneNumbers}): prefixing a plus would make {@code +07…}.
 */
public final class SmppGateway implements SmsGateway {

    /**
     * Connection settings.
     *
     * @param host SMSC host
     * @param port SMSC port
     * @param systemId bind system_id
     * @param password bind password (from the environment)
     * @param systemType bind system_type, may be empty
     * @param sourceAddress the sender: an alphanumeric id ("Hearth") or a number
     * @param transceiver bind as transceiver (receives replies and receipts on the same link) rather than transmitter
     * @param timeoutMillis bind and response timeout
     */
    public record Settings(String host, int port, String systemId, String password, String systemType,
            String sourceAddress, boolean transceiver, long timeoutMillis, Duration rebindMin, Duration rebindMax) {

        /** Settings with the default rebind backoff (1 s doubling to 60 s). */
        public Settings(String host, int port, String systemId, String password, String systemType,
                String sourceAddress, boolean transceiver, long timeoutMillis) {
            this(host, port, systemId, password, systemType, sourceAddress, transceiver, timeoutMillis, null, null);
        }

        public Settings {
            rebindMin = rebindMin == null ? Duration.ofSeconds(1) : rebindMin;
            rebindMax = rebindMax == null ? Duration.ofSeconds(60) : rebindMax;
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(systemId, "systemId");
            password = password == null ? "" : password;
            systemType = systemType == null ? "" : systemType;
            Objects.requireNonNull(sourceAddress, "sourceAddress");
        }

        @Override
        public String toString() {
            return "Settings[" + host + ":" + port + ", systemId=" + systemId + ", password=***]";
        }
    }

    private final Settings settings;
    private final InboundSink sink;
    private SMPPSession session;
    // Volatile, not guarded by the gateway's lock: jSMPP's reader thread schedules a rebind from the
    // state listener while a send may hold the lock, waiting for a response on that very thread.
    private volatile ScheduledExecutorService keeper;
    private volatile boolean closed;
    private int failedBinds;

    public SmppGateway(Settings settings, InboundSink sink) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sink = sink == null ? InboundSink.NONE : sink;
    }

    @Override
    public String name() {
        return "smpp";
    }

    /**
     * Binds now (in the background) and keeps the session bound until {@link #close()}: a link the
     * SMSC or the network drops is re-bound with backoff, so replies and receipts keep arriving
     * when Hearth has nothing to send. Idempotent.
     */
    public synchronized SmppGateway start() {
        if (keeper == null && !closed) {
            keeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "hearth-smpp-keeper");
                t.setDaemon(true);
                return t;
            });
            keeper.execute(this::keepBound);
            // A safety net besides the state listener: a half-open link the listener never heard of.
            long check = Math.max(settings.rebindMax().toMillis(), 1_000);
            keeper.scheduleWithFixedDelay(this::checkBound, check, check, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Whether a session is bound right now (for tests and status). */
    public synchronized boolean bound() {
        return session != null && session.getSessionState().isBound();
    }

    private void checkBound() {
        synchronized (this) {
            if (closed || (session != null && session.getSessionState().isBound())) {
                return;
            }
        }
        keepBound();
    }

    /** One bind attempt by the keeper; on failure the next is scheduled after the backoff. */
    private void keepBound() {
        long wait;
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                session();
                return;
            } catch (GatewayException e) {
                wait = backoff(failedBinds);
            }
        }
        scheduleKeeper(wait);
    }

    private void scheduleKeeper(long delayMillis) {
        ScheduledExecutorService k = keeper;
        if (k != null && !closed) {
            try {
                k.schedule(this::keepBound, delayMillis, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // closing
            }
        }
    }

    /** Wait before the next bind after {@code failures} failed ones: min doubling to max. */
    long backoff(int failures) {
        return new Backoff(settings.rebindMin(), settings.rebindMax()).delay(Math.max(failures, 1)).toMillis();
    }

    @Override
    public synchronized SendReceipt send(SmsMessage message) throws GatewayException {
        SMPPSession s = session();
        SmsLength length = SmsLength.of(message.body());
        boolean gsm = length.encoding() == SmsEncoding.GSM7;
        byte[] payload = gsm ? Gsm7.encodeUnpacked(message.body()) : message.body().getBytes(StandardCharsets.UTF_16BE);
        // No message class: with one, bit 0x10 is set and 0x00/0x08 become the reserved 0x11/0x19.
        DataCoding coding = new GeneralDataCoding(gsm ? Alphabet.ALPHA_DEFAULT : Alphabet.ALPHA_UCS2);
        boolean single = length.singleSegment();
        OptionalParameter[] optional = single ? new OptionalParameter[0]
                : new OptionalParameter[] {new OptionalParameter.OctetString(OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), payload)};
        TypeOfNumber sourceTon = settings.sourceAddress().matches("\\+?\\d+") ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.ALPHANUMERIC;
        try {
            SubmitSmResult result = s.submitShortMessage("", sourceTon, NumberingPlanIndicator.UNKNOWN,
                    settings.sourceAddress().replace("+", ""), TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                    message.to().replace("+", ""), new ESMClass(), (byte) 0, (byte) 1, null, null,
                    new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0, coding, (byte) 0,
                    single ? payload : new byte[0], optional);
            return new SendReceipt(name(), result.getMessageId());
        } catch (NegativeResponseException e) {
            int status = e.getCommandStatus();
            // 0x14 message queue full, 0x58 throttled, 0x08 system error, 0x45 submit failed: try again later.
            boolean retryable = status == 0x14 || status == 0x58 || status == 0x08 || status == 0x45;
            throw new GatewayException(String.format("smpp-0x%02x", status), retryable, e);
        } catch (ResponseTimeoutException e) {
            reset();
            throw new GatewayException("smpp-timeout", true, e);
        } catch (IOException e) {
            reset();
            throw new GatewayException("io", true, e);
        } catch (Exception e) {
            throw new GatewayException("smpp-" + e.getClass().getSimpleName(), false, e);
        }
    }

    private SMPPSession session() throws GatewayException {
        if (session != null && session.getSessionState().isTransmittable()) {
            return session;
        }
        if (closed) {
            throw new GatewayException("smpp-closed", false);
        }
        reset();
        SMPPSession s = new SMPPSession();
        s.setTransactionTimer(settings.timeoutMillis());
        s.setMessageReceiverListener(new Receiver());
        try {
            s.connectAndBind(settings.host(), settings.port(), new BindParameter(
                    settings.transceiver() ? BindType.BIND_TRX : BindType.BIND_TX, settings.systemId(), settings.password(),
                    settings.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), settings.timeoutMillis());
        } catch (IOException e) {
            s.close();
            failedBinds++;
            throw new GatewayException("smpp-bind", true, e);
        }
        failedBinds = 0;
        // Added after the bind, so that the listener hears only about losing a bound link.
        s.addSessionStateListener((newState, oldState, source) -> {
            if (!newState.isBound() && oldState.isBound()) {
                scheduleKeeper(backoff(1));
            }
        });
        session = s;
        return s;
    }

    private void reset() {
        if (session != null) {
            SMPPSession old = session;
            session = null;
            old.unbindAndClose();
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService k;
        synchronized (this) {
            closed = true;
            k = keeper;
            keeper = null;
            reset();
        }
        if (k != null) {
            k.shutdownNow();
        }
    }

    /**
     * The sender of a deliver_sm as Hearth compares numbers: E.164 when international, national
     * form (leading 0) when the SMSC gives a national number, so that the home's country completes it.
     */
    static String sender(String address, byte ton) {
        String digits = address == null ? "" : address.replaceAll("[\\s().-]", "");
        if (digits.startsWith("+")) {
            return digits;
        }
        if (ton == TypeOfNumber.INTERNATIONAL.value()) {
            return "+" + digits;
        }
        if (ton == TypeOfNumber.NATIONAL.value()) {
            return digits.startsWith("0") ? digits : "0" + digits;
        }
        if (digits.startsWith("00")) {
            return "+" + digits.substring(2);
        }
        // TON unknown: a leading 0 is a national trunk prefix; anything else is taken as international.
        return digits.startsWith("0") ? digits : "+" + digits;
    }

    /** deliver_sm: a delivery receipt or a carer's reply. */
    private final class Receiver implements MessageReceiverListener {
        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            if (deliverSm.isSmscDeliveryReceipt()) {
                try {
                    DeliveryReceipt receipt = deliverSm.getShortMessageAsDeliveryReceipt();
                    sink.receipt(name(), receipt.getId(), String.valueOf(receipt.getFinalStatus()));
                } catch (InvalidDeliveryReceiptException e) {
                    throw new ProcessRequestException("invalid delivery receipt", 0x64);
                }
                return;
            }
            byte[] raw = deliverSm.getShortMessage();
            if ((raw == null || raw.length == 0) && deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD) != null) {
                raw = ((OptionalParameter.OctetString) deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD)).getValue();
            }
            raw = raw == null ? new byte[0] : raw;
            Alphabet alphabet = Alphabet.parseDataCoding(deliverSm.getDataCoding());
            String text = alphabet == Alphabet.ALPHA_UCS2 ? new String(raw, StandardCharsets.UTF_16BE)
                    : alphabet == Alphabet.ALPHA_DEFAULT ? Gsm7.decodeUnpacked(raw) : new String(raw, StandardCharsets.ISO_8859_1);
            try {
                sink.inbound(name(), sender(deliverSm.getSourceAddr(), deliverSm.getSourceAddrTon()), text);
            } catch (InboundSink.NotTaken e) {
                // ESME_RX_T_APPN: a temporary application error, so the SMSC keeps the reply and delivers it again.
                throw new ProcessRequestException("reply not taken now", 0x64);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {}

        @Override
        public DataSmResult onAcceptDataSm(org.jsmpp.bean.DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm not supported", 0x03);
        }
    }
}
