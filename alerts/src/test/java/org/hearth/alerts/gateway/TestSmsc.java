package org.hearth.alerts.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.hearth.alerts.render.Gsm7;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageClass;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;

/**
 * An in-process SMSC on loopback (jSMPP's server side): accepts binds with one password, records
 * submit_sm, can refuse the next submits with a status, and sends deliver_sm (receipts and replies).
 */
public final class TestSmsc implements AutoCloseable {

    public final int port;
    public final List<SubmitSm> submitted = new CopyOnWriteArrayList<>();
    final AtomicInteger rejectNext = new AtomicInteger();
    final AtomicInteger binds = new AtomicInteger();
    /** The bind type of each accepted bind, in order. */
    public final List<org.jsmpp.bean.BindType> bindTypes = new CopyOnWriteArrayList<>();
    private volatile int rejectStatus;
    private final SMPPServerSessionListener listener;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicReference<SMPPServerSession> current = new AtomicReference<>();
    private final AtomicInteger ids = new AtomicInteger(1000);

    public TestSmsc(String password) throws IOException {
        this(password, freePort());
    }

    TestSmsc(String password, int port) throws IOException {
        this.port = port;
        listener = new SMPPServerSessionListener(port);
        listener.setMessageReceiverListener(new Receiver());
        executor.submit(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                SMPPServerSession session;
                try {
                    session = listener.accept();
                } catch (IOException e) {
                    return null;
                }
                executor.submit(() -> {
                    BindRequest bind = session.waitForBind(5_000);
                    if (password.equals(bind.getPassword())) {
                        bind.accept("test-smsc");
                        session.setTransactionTimer(10_000); // deliver_sm responses on a loaded 2-core machine
                        binds.incrementAndGet();
                        bindTypes.add(bind.getBindType());
                        current.set(session);
                    } else {
                        bind.reject(0x0E); // ESME_RINVPASWD
                    }
                    return null;
                });
            }
            return null;
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** Whether an ESME is bound right now. */
    public boolean hasBoundSession() {
        SMPPServerSession s = current.get();
        return s != null && s.getSessionState().isBound();
    }

    /** Drops the bound ESME's link (as an SMSC restart or a NAT timeout does), keeping the listener. */
    void dropLink() {
        SMPPServerSession s = current.getAndSet(null);
        if (s != null) {
            s.close();
        }
    }

    void rejectNext(int count, int status) {
        rejectStatus = status;
        rejectNext.set(count);
    }

    public static String text(SubmitSm submit) {
        byte[] raw = submit.getShortMessage();
        if (raw == null || raw.length == 0) {
            raw = ((org.jsmpp.bean.OptionalParameter.OctetString) submit.getOptionalParameter(
                    org.jsmpp.bean.OptionalParameter.Tag.MESSAGE_PAYLOAD)).getValue();
        }
        return Alphabet.parseDataCoding(submit.getDataCoding()) == Alphabet.ALPHA_UCS2
                ? new String(raw, StandardCharsets.UTF_16BE) : Gsm7.decodeUnpacked(raw);
    }

    /** A mobile-originated text from {@code from} (digits, no plus) to the bound ESME. */
    public void reply(String from, String text) throws Exception {
        reply(TypeOfNumber.INTERNATIONAL, from, text);
    }

    /** A mobile-originated text with the sender's type of number as the SMSC gives it (national: {@code 07…}). */
    void reply(TypeOfNumber ton, String from, String text) throws Exception {
        current.get().deliverShortMessage("", ton, NumberingPlanIndicator.ISDN, from,
                TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "Hearth", new ESMClass(), (byte) 0, (byte) 0,
                new RegisteredDelivery(0), new GeneralDataCoding(Alphabet.ALPHA_DEFAULT), Gsm7.encodeUnpacked(text));
    }

    /** A delivery receipt (DELIVRD) for a message id this SMSC returned. */
    public void receipt(String messageId, String destination) throws Exception {
        DeliveryReceipt receipt = new DeliveryReceipt(messageId, 1, 1, new Date(), new Date(), DeliveryReceiptState.DELIVRD, "000", "");
        current.get().deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination,
                TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "Hearth",
                new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT), (byte) 0, (byte) 0,
                new RegisteredDelivery(0), new GeneralDataCoding(Alphabet.ALPHA_DEFAULT, MessageClass.CLASS1, false),
                receipt.toString().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() throws IOException {
        SMPPServerSession session = current.get();
        if (session != null) {
            session.unbindAndClose();
        }
        listener.close();
        executor.shutdownNow();
    }

    private final class Receiver implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
            if (rejectNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new ProcessRequestException("refused", rejectStatus);
            }
            submitted.add(submitSm);
            try {
                return new SubmitSmResult(new MessageId(Integer.toHexString(ids.incrementAndGet())), null);
            } catch (Exception e) {
                throw new ProcessRequestException("id", 0x08);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("unsupported", 0x03);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("unsupported", 0x03);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("unsupported", 0x03);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("unsupported", 0x03);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("unsupported", 0x03);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("unsupported", 0x03);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("unsupported", 0x03);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("unsupported", 0x03);
        }
    }
}
