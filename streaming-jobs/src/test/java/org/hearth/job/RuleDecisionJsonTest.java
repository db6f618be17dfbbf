package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.job.DetectionFixtures.MORNING;

import java.time.ZoneId;
import org.hearth.models.json.HearthJson;
import org.hearth.models.rules.HelpPress;
import org.junit.jupiter.api.Test;

/** Decisions wait in the lifecycle's keyed state as JSON: state written before the urgent flag must still read. */
class RuleDecisionJsonTest {

    @Test
    void shouldReadADecisionWrittenBeforeTheUrgentFlagAsNotUrgentAndWriteTheFlagOnlyWhenSet() throws Exception {
        RuleDecision plain = new RuleDecision("h1", HelpPress.raise(MORNING, ZoneId.of("Europe/London")));
        String json = HearthJson.json().writeValueAsString((LifecycleCommand) plain);
        assertThat(json).doesNotContain("urgent");

        LifecycleCommand read = HearthJson.json().readValue(json.replace("\"input\":\"decision\",", ""), LifecycleCommand.class);
        assertThat(read).isEqualTo(plain);

        RuleDecision urgent = RuleDecision.urgent("h1", plain.outcome());
        LifecycleCommand back = HearthJson.json().readValue(HearthJson.json().writeValueAsString((LifecycleCommand) urgent),
                LifecycleCommand.class);
        assertThat(back).isEqualTo(urgent);
    }
}
