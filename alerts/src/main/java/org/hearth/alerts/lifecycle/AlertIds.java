package org.hearth.alerts.lifecycle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.hearth.models.alert.Rule;

/**
 * Deterministic alert ids and reply codes: a function of (home, resident, rule, raise time), so a
 * replay of the same events, or a Flink restore that re-runs a raise, yields the same id and code,
 * and the idempotency keys built on them catch the duplicate.
 */
public final class AlertIds {

    private AlertIds() {}

    /** 20 hex characters (80 bits) of SHA-256 over the alert's identity. */
    public static String alertId(String homeId, String residentId, Rule rule, Instant raisedAt) {
        return HexFormat.of().formatHex(digest("alert|" + homeId + "|" + residentId + "|" + rule.wireName()
                + "|" + raisedAt.toEpochMilli()), 0, 10);
    }

    /**
     * A 4-digit reply code (1000-9999) derived from the alert id. Two alerts open at once in one
     * home share a code with probability 1 in 9000; an "OK" with that code then takes both, which is
     * the safe side of the mistake (README, edge cases).
     */
    public static String replyCode(String alertId) {
        byte[] h = digest("code|" + alertId);
        int v = ((h[0] & 0xff) << 24 | (h[1] & 0xff) << 16 | (h[2] & 0xff) << 8 | (h[3] & 0xff)) & 0x7fffffff;
        return Integer.toString(1000 + v % 9000);
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
