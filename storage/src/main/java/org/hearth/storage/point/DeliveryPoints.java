package org.hearth.storage.point;

import com.influxdb.client.write.Point;
import java.util.Map;
import java.util.Set;
import org.hearth.alerts.audit.AuditEntry;

/**
 * The delivery audit ({@code audit.jsonl} entries: attempts, sends, failures, retries, failovers,
 * acks) as measurement {@code delivery}. Recipients are already pseudonymous in the audit; bodies
 * and numbers are not in it. Kept, because it is the evidence that carers were told.
 */
public final class DeliveryPoints extends PointMapper<AuditEntry> {

    public static final String MEASUREMENT = "delivery";
    private static final PointSchema SCHEMA = new PointSchema(MEASUREMENT,
            Set.of("type", "gateway", "outcome"),
            Map.of("key", FieldType.STRING, "recipient", FieldType.STRING, "attempt", FieldType.INTEGER,
                    "count", FieldType.INTEGER));

    public DeliveryPoints() {
        super(AuditEntry.class, SCHEMA, Retention.KEPT, null);
    }

    @Override
    public Point toPoint(AuditEntry entry) {
        Point point = point().addTag("type", entry.type()).addField("count", 1L);
        if (entry.gateway() != null) {
            point.addTag("gateway", entry.gateway());
        }
        if (entry.outcome() != null) {
            point.addTag("outcome", entry.outcome());
        }
        if (entry.key() != null) {
            point.addField("key", entry.key());
        }
        if (entry.recipient() != null) {
            point.addField("recipient", entry.recipient());
        }
        if (entry.attempt() != null) {
            point.addField("attempt", entry.attempt().longValue());
        }
        return PointMapper.at(point, entry.ts());
    }
}
