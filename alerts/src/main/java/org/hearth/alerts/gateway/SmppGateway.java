package org.hearth.alerts.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.hearth.alerts.render.Gsm7;
import org.hearth.alerts.render.SmsEncoding;
import org.hearth.alerts.render.SmsLength;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageClass;
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
 * data_coding 0, anything else as UCS-2 (data_coding 8); a text longer than one segment travels in
 * the message_payload parameter, which the SMSC splits.
 *
 * <p>The session is bound lazily and re-bound after any I/O failure; sends are serialized.
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
            String sourceAddress, boolean transceiver, long timeoutMillis) {
        public Settings {
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

    public SmppGateway(Settings settings, InboundSink sink) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sink = sink == null ? InboundSink.NONE : sink;
    }

    @Override
    public String name() {
        return "smpp";
    }

    @Override
    public synchronized SendReceipt send(SmsMessage message) throws GatewayException {
        SMPPSession s = bound();
        SmsLength length = SmsLength.of(message.body());
        boolean gsm = length.encoding() == SmsEncoding.GSM7;
        byte[] payload = gsm ? Gsm7.encodeUnpacked(message.body()) : message.body().getBytes(StandardCharsets.UTF_16BE);
        DataCoding coding = new GeneralDataCoding(gsm ? Alphabet.ALPHA_DEFAULT : Alphabet.ALPHA_UCS2, MessageClass.CLASS1, false);
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

    private SMPPSession bound() throws GatewayException {
        if (session != null && session.getSessionState().isTransmittable()) {
            return session;
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
            throw new GatewayException("smpp-bind", true, e);
        }
        session = s;
        return s;
    }

    private void reset() {
        if (session != null) {
            session.unbindAndClose();
            session = null;
        }
    }

    @Override
    public synchronized void close() {
        reset();
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
            String from = deliverSm.getSourceAddr();
            sink.inbound(name(), from.startsWith("+") ? from : "+" + from, text);
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {}

        @Override
        public DataSmResult onAcceptDataSm(org.jsmpp.bean.DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm not supported", 0x03);
        }
    }
}
