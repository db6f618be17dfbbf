package org.hearth.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AckHandleTest {

    @Test
    void byEpoch_groupsOnce_keepingEachConnectionsOrder() {
        AckHandle a1 = new AckHandle(7, 1, 1);
        AckHandle b1 = new AckHandle(9, 1, 1);
        AckHandle a2 = new AckHandle(7, 2, 1);
        AckHandle b2 = new AckHandle(9, 5, 1);
        AckHandle a3 = new AckHandle(7, 3, 1);
        var byEpoch = AckHandle.byEpoch(List.of(a1, b1, a2, b2, a3));
        assertThat(byEpoch).containsOnlyKeys(7L, 9L);
        assertThat(byEpoch.get(7L)).containsExactly(a1, a2, a3);
        assertThat(byEpoch.get(9L)).containsExactly(b1, b2);
        assertThat(AckHandle.byEpoch(List.of())).isEmpty();
    }
}
