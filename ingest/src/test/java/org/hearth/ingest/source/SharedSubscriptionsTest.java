package org.hearth.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** review-18 F3: a broker without shared subscriptions gets a clear error, not a reconnect loop. */
class SharedSubscriptionsTest {

    private static final List<String> SHARED = List.of("$share/hearth/sensors/#");
    private static final List<String> PLAIN = List.of("sensors/#");

    @Test
    void theSharedFormIsRefused_whenTheConnackSaysNotAvailable() {
        assertThat(SharedSubscriptions.refusal(SHARED, false)).hasValueSatisfying(why -> assertThat(why).contains("Shared Subscription Available = 0"));
    }

    @Test
    void theSharedFormIsRefused_onReasonCode0x9E() {
        assertThat(SharedSubscriptions.refusal(SHARED, true, 0x9E)).hasValueSatisfying(why -> assertThat(why).contains("0x9E"));
        assertThat(SharedSubscriptions.refusal(SHARED, true, 0x01, 0x9E)).as("any filter's code").isPresent();
    }

    @Test
    void otherFailuresAreNotARefusal_theyAreRetriedAsBefore() {
        assertThat(SharedSubscriptions.refusal(SHARED, true, 0x87)).as("not authorized").isEmpty();
        assertThat(SharedSubscriptions.refusal(SHARED, true, 0x01, 0x01)).as("granted").isEmpty();
        assertThat(SharedSubscriptions.refusal(SHARED, true)).isEmpty();
    }

    @Test
    void aPlainSubscriptionNeedsNoSharedSupport() {
        assertThat(SharedSubscriptions.refusal(PLAIN, false)).isEmpty();
        assertThat(SharedSubscriptions.refusal(PLAIN, true, 0x9E)).isEmpty();
    }

    @Test
    void theErrorNamesTheSettingsThatAskForTheSharedForm() {
        String message = SharedSubscriptions.message("tcp://broker:1883", "its CONNACK says Shared Subscription Available = 0", 2, 1);
        assertThat(message).contains("tcp://broker:1883", "mqtt.connectionsPerReader", "flink.parallelism",
                "2 connection(s) per reader at parallelism 1", "Shared Subscription Available = 0");
    }
}
