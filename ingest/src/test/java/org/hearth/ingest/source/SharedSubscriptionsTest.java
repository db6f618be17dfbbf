package org.hearth.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.hearth.ingest.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** review-18 F3: a broker without shared subscriptions gets a clear error, not a reconnect loop. */
class SharedSubscriptionsTest {

    /** Embedded HiveMQ CE with its shared subscriptions switched off. */
    @RegisterExtension
    final TestBroker noShared = TestBroker.embedded(b -> b.sharedSubscriptions(false));

    @Test
    void aReaderWithTwoConnections_onABrokerWithoutSharedSubscriptions_failsClearly_insteadOfReconnecting() throws Exception {
        MqttSourceConfig config = MqttSource.builder().serverUri(noShared.uri()).topicFilters("t/#").clientIdPrefix("no-share")
                .connectionsPerReader(2).sessionExpiry(Duration.ofMinutes(1)).config();
        MqttSourceReader reader = new MqttSourceReader(config, new TestingReaderContext());
        try {
            reader.start();
            TestingReaderOutput<MqttMessage> output = new TestingReaderOutput<>();
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            assertThatThrownBy(() -> {
                while (System.nanoTime() < until) {
                    reader.pollNext(output);
                    Thread.sleep(20);
                }
            }).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("does not support shared subscriptions")
                    .hasMessageContaining("mqtt.connectionsPerReader").hasMessageContaining("flink.parallelism");
            assertThat(reader.connections()).allSatisfy(c -> assertThat(c.reconnects()).as("no reconnect loop").isZero());
        } finally {
            reader.close();
        }
    }

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
