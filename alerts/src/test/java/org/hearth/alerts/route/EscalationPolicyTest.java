package org.hearth.alerts.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.hearth.alerts.TestHomes;
import org.hearth.models.alert.Rule;
import org.hearth.models.alert.Severity;
import org.junit.jupiter.api.Test;

class EscalationPolicyTest {

    private final EscalationPolicy policy = EscalationPolicy.defaults();

    @Test
    void order_perSeverity() {
        var home = TestHomes.home();
        assertThat(policy.order(home, Severity.URGENT)).containsExactly(Recipient.carer(0), Recipient.carer(1), Recipient.DUTY_LINE);
        assertThat(policy.order(home, Severity.WARNING)).containsExactly(Recipient.carer(0), Recipient.carer(1), Recipient.DUTY_LINE);
        assertThat(policy.order(home, Severity.TREND)).containsExactly(Recipient.DIGEST);
        assertThat(policy.order(home, Severity.SYSTEM)).containsExactly(Recipient.INSTALLER, Recipient.DUTY_LINE);
    }

    @Test
    void route_warningSkipsQuietCarer() {
        Instant lateEvening = Instant.parse("2026-11-23T23:30:00Z");
        var routing = policy.route(TestHomes.home(), Severity.WARNING, 0, lateEvening);
        assertThat(routing.recipient()).isEqualTo(Recipient.carer(1));
        assertThat(routing.step()).isEqualTo(1);
    }

    @Test
    void route_urgentIgnoresQuietHours() {
        Instant lateEvening = Instant.parse("2026-11-23T23:30:00Z");
        assertThat(policy.route(TestHomes.home(), Severity.URGENT, 0, lateEvening).recipient()).isEqualTo(Recipient.carer(0));
    }

    @Test
    void route_warningWaitsWhenEveryCarerIsQuiet() {
        Instant lateEvening = Instant.parse("2026-11-23T23:30:00Z");
        var routing = policy.route(TestHomes.home("22:00-07:00", "23:00-06:30"), Severity.WARNING, 0, lateEvening);
        assertThat(routing.sends()).isFalse();
        assertThat(routing.waitUntil()).isEqualTo(Instant.parse("2026-11-24T06:30:00Z"));
    }

    @Test
    void route_pastTheEndIsExhausted() {
        var routing = policy.route(TestHomes.home(), Severity.URGENT, 3, TestHomes.NINE_OH_FIVE);
        assertThat(routing.sends()).isFalse();
        assertThat(routing.waits()).isFalse();
    }

    @Test
    void constructor_refusesUrgentRespectingQuietHours() {
        var bad = new SeverityPolicy(Duration.ofMinutes(5), true, null);
        var ok = new SeverityPolicy(Duration.ofMinutes(5), false, null);
        assertThatThrownBy(() -> new EscalationPolicy(Map.of(Severity.URGENT, bad, Severity.WARNING, ok,
                Severity.TREND, ok, Severity.SYSTEM, ok))).hasMessageContaining("quiet hours");
    }

    @Test
    void awayMode_silencesBehaviouralRulesOnlyWhileActive() {
        var away = new AwayMode("h1", AwayKind.HOSPITAL, Instant.parse("2026-11-20T00:00:00Z"),
                Instant.parse("2026-11-30T00:00:00Z"), "carer-0");
        assertThat(away.silences(Rule.NOT_UP, TestHomes.NINE_OH_FIVE)).isTrue();
        assertThat(away.silences(Rule.HELP_BUTTON, TestHomes.NINE_OH_FIVE)).isFalse();
        assertThat(away.silences(Rule.HUB_OFFLINE, TestHomes.NINE_OH_FIVE)).isFalse();
        assertThat(away.silences(Rule.NOT_UP, Instant.parse("2026-11-30T00:00:00Z"))).isFalse();
    }

    @Test
    void awayMode_needsAnEndAndKindsReadTheirWireNames() {
        assertThatThrownBy(() -> new AwayMode("h1", AwayKind.HOLIDAY, TestHomes.NINE_OH_FIVE, null, "carer-0"))
                .hasMessageContaining("end");
        assertThat(AwayKind.fromWireName("Hospital")).isEqualTo(AwayKind.HOSPITAL);
    }
}
