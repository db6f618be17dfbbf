package org.hearth.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint from before issue 17 holds state for operators the job no longer has; they are found
 * by their uid, so that {@code hearth run} drops their state on purpose and nothing else.
 */
class RetiredOperatorsTest {

    /** The detection graph's savepoint kept for SavepointCompatibilityTest: taken while pre-alert-gate was in the graph. */
    private static final Path BEFORE_ISSUE_17 = Path.of("src/test/resources/savepoints/detection");

    @Test
    void withState_findsOperatorsByUidAsFlinkHashesThem() throws Exception {
        assertThat(RetiredOperators.withState(BEFORE_ISSUE_17,
                List.of("home-detector", "alert-lifecycle", "pre-alert-gate", "address-alerts", "no-such-operator")))
                .as("the live graph's address-alerts was never in the detection graph's savepoint")
                .containsExactly("home-detector", "alert-lifecycle", "pre-alert-gate");
    }

    @Test
    void heldIn_namesOnlyRetiredOperators() {
        assertThat(RetiredOperators.heldIn(BEFORE_ISSUE_17)).containsExactly("pre-alert-gate");
        assertThat(RetiredOperators.RETIRED).doesNotContainKeys("home-detector", "alert-lifecycle", "home-status", "dedupe");
    }

    @Test
    void heldIn_nothingWhenTheMetadataDoesNotRead(@org.junit.jupiter.api.io.TempDir Path empty) {
        assertThat(RetiredOperators.heldIn(empty)).isEmpty();
    }
}
