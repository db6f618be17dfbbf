package org.hearth.live;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.hearth.alerts.delivery.DeliveryResult;
import org.hearth.alerts.delivery.DeliveryService;
import org.hearth.alerts.delivery.DeliveryServiceFactory;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.job.AddressedAlert;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.RegistryText;

/**
 * Hands lifecycle events to the alerts module's {@link DeliveryService}, which texts each
 * (alert, recipient, step) at most once even when Flink replays events after a restore. Run it with
 * parallelism 1: a care service sends a few texts an hour per home, and one writer keeps the
 * durable dedupe store simple.
 */
public final class DeliverySink implements Sink<AddressedAlert> {

    private static final long serialVersionUID = 1L;

    /** How often the writer asks delivery what is due (digests, delivery's own escalations, opt-outs). */
    static final long TICK_MILLIS = 5_000;

    private final DeliveryServiceFactory factory;
    private final boolean echo;
    /** The registry at start, or null; travels as {@link RegistryText} writes it. */
    private final RegistryText homes;

    /**
     * @param factory builds the service in the task
     * @param echo also print each text to the console (the demo)
     */
    public DeliverySink(DeliveryServiceFactory factory, boolean echo) {
        this(factory, echo, null);
    }

    /**
     * @param homesYaml the registry at start, so that a digest waiting from before a restart finds its
     *     home before the home's next event (homes added later come with their events), or null
     */
    public DeliverySink(DeliveryServiceFactory factory, boolean echo, String homesYaml) {
        this.factory = factory;
        this.echo = echo;
        this.homes = homesYaml == null ? null : RegistryText.of(homesYaml);
    }

    @Override
    public SinkWriter<AddressedAlert> createWriter(WriterInitContext context) throws IOException {
        DeliveryService service = factory.create();
        if (homes != null) {
            service.knowHomes(new org.hearth.models.registry.RegistryLoader().parse("homes.yaml", homes.text()).homes());
        }
        PrintStream console = System.out;
        // Digests, delivery-failing escalations and STOP replies do not wait for an alert to pass by:
        // a processing-time timer asks delivery what is due (on the delivery service's own clock).
        var time = context.getProcessingTimeService();
        org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback[] tick = new org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback[1];
        tick[0] = now -> {
            try {
                List<DeliveryResult> due = service.tick();
                if (echo) {
                    due.stream().filter(r -> r.status() == DeliveryResult.Status.SENT)
                            .forEach(r -> console.println("SMS to " + r.recipientId() + " (" + r.key().replaceAll("/.*", "") + ")"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            time.registerTimer(time.getCurrentProcessingTime() + TICK_MILLIS, tick[0]);
        };
        time.registerTimer(time.getCurrentProcessingTime() + TICK_MILLIS, tick[0]);
        return new SinkWriter<AddressedAlert>() {
            @Override
            public void write(AddressedAlert addressed, Context ctx) throws IOException {
                LifecycleEvent event = addressed.event();
                Home home = addressed.home();
                List<DeliveryResult> results;
                try {
                    results = service.deliver(event, home);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("delivery interrupted");
                }
                if (echo) {
                    results.stream().filter(r -> r.status() == DeliveryResult.Status.SENT)
                            .forEach(r -> console.println("SMS to " + r.recipientId() + ": " + event.message()));
                }
            }

            @Override
            public void flush(boolean endOfInput) {
                // The service writes its dedupe store and audit log synchronously, before returning.
            }

            @Override
            public void close() {
                // Gateways hold connections (a bound SMPP session receives replies): a restarted task binds its own.
                service.close();
            }
        };
    }
}
