package org.hearth.alerts.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hearth.alerts.route.Recipient;
import org.hearth.models.alert.Rule;
import org.hearth.models.explain.Explanation;
import org.junit.jupiter.api.Test;

class MessageRendererTest {

    private final MessageRenderer renderer = new MessageRenderer();

    private static AlertText notUp() {
        return new AlertText(Rule.NOT_UP, "J.S.", "h1", "4821",
                new Explanation("usually up by 08:10", "no movement since 22:41", Map.of("usual", "08:10", "since", "22:41")));
    }

    @Test
    void raised_matchesTheContractExample() {
        assertThat(renderer.raised(notUp())).isEqualTo("Hearth: J.S. not up yet (usually by 08:10). Reply OK 4821 to take this.");
    }

    @Test
    void raised_fallsBackToFreeTextExplanation() {
        AlertText a = new AlertText(Rule.NO_KETTLE, "J.S.", "h1", "1234", Explanation.of("usually by 09:30", "no boil"));
        assertThat(renderer.raised(a)).isEqualTo("Hearth: J.S. has not used the kettle today (usually by 09:30). Reply OK 1234 to take this.");
    }

    @Test
    void escalated_namesNoReplyAndDutyLineGetsHome() {
        assertThat(renderer.escalated(notUp(), Recipient.carer(1)))
                .isEqualTo("Hearth, no reply yet: J.S. not up yet (usually by 08:10). Reply OK 4821 to take this.");
        assertThat(renderer.escalated(notUp(), Recipient.DUTY_LINE))
                .isEqualTo("Hearth duty, home h1: J.S. not up yet (usually by 08:10). Nobody replied. Reply OK 4821.");
    }

    @Test
    void resolved_saysHowItCleared() {
        assertThat(renderer.resolved(notUp(), "up at 09:20"))
                .isEqualTo("Hearth: all clear, alert 4821 (J.S. not up yet): up at 09:20.");
        assertThat(renderer.acknowledged(notUp())).isEqualTo("Hearth: alert 4821 for J.S. taken by a carer. No action needed.");
    }

    @Test
    void raised_typographyInFactsStaysGsm7() {
        AlertText a = new AlertText(Rule.NIGHT_DOOR, "Zoë", "h1", "7777",
                new Explanation("door closed at night", "opened", Map.of("time", "03:12", "detail", "“never” before – 60 nights")));
        String text = renderer.raised(a);
        assertThat(text).isEqualTo("Hearth: Zoe's front door opened at night at 03:12 (\"never\" before - 60 nights). Reply OK 7777 to take this.");
        assertThat(SmsLength.of(text).encoding()).isEqualTo(SmsEncoding.GSM7);
    }

    @Test
    void raised_tooLongDropsDetailThenCutsHeadlineButKeepsCode() {
        AlertText longDetail = new AlertText(Rule.NOT_UP, "J.S.", "h1", "4821",
                new Explanation("x".repeat(200), "y", Map.of()));
        assertThat(renderer.raised(longDetail)).isEqualTo("Hearth: J.S. not up yet. Reply OK 4821 to take this.");
        AlertText longAlias = new AlertText(Rule.NOT_UP, "A".repeat(200), "h1", "4821", Explanation.of(null, null));
        String cut = renderer.raised(longAlias);
        assertThat(SmsLength.of(cut).segments()).isEqualTo(1);
        assertThat(cut).endsWith("... Reply OK 4821 to take this.");
    }

    @Test
    void raised_ucs2AliasAimsAtSeventy() {
        AlertText a = new AlertText(Rule.HELP_BUTTON, "李", "h1", "4821", new Explanation(null, null, Map.of("time", "10:14")));
        String text = renderer.raised(a);
        assertThat(SmsLength.of(text).encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(text).contains("4821");
        assertThat(SmsLength.of(text).segments()).isEqualTo(1);
    }

    @Test
    void everyRule_longestRealisticMessageFitsOneGsmSegment() throws IOException {
        List<String> report = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            AlertText worst = new AlertText(rule, "J.S.", "home-0042", "9999", worstCase(rule));
            String raised = renderer.raised(worst);
            String escalated = renderer.escalated(worst, Recipient.carer(1));
            String duty = renderer.escalated(worst, Recipient.DUTY_LINE);
            String resolved = renderer.resolved(worst, "up and about at 09:20, kettle on at 09:31");
            String longest = List.of(raised, escalated, duty, resolved).stream()
                    .max((x, y) -> Integer.compare(SmsLength.of(x).units(), SmsLength.of(y).units())).orElseThrow();
            for (String text : List.of(raised, escalated, duty, resolved)) {
                assertThat(SmsLength.of(text).encoding()).as(text).isEqualTo(SmsEncoding.GSM7);
                assertThat(SmsLength.of(text).segments()).as(text).isEqualTo(1);
                assertThat(text).doesNotContain("Sam").doesNotContain("+44");
            }
            assertThat(raised).contains("9999");
            report.add(String.format("%-17s %3d  %s", rule.wireName(), SmsLength.of(longest).units(), longest));
        }
        Path out = Path.of("target", "render-report.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
        assertThat(report).hasSize(Rule.values().length);
    }

    @Test
    void digest_listsTrendsInOneText() {
        AlertText bath = new AlertText(Rule.BATHROOM_TREND, "J.S.", "h1", null,
                new Explanation(null, null, Map.of("now", "9 a day", "usual", "6")));
        AlertText sleep = new AlertText(Rule.SLEEP_TREND, "J.S.", "h1", null,
                new Explanation(null, null, Map.of("now", "5h50", "usual", "7h10")));
        assertThat(renderer.digest("J.S.", List.of(bath, sleep)))
                .isEqualTo("Hearth: daily summary for J.S.: bathroom visits rising (9 a day, usually 6); sleep shortening (5h50, usually 7h10).");
    }

    /** Facts as long as the detection side plausibly writes them. */
    private static Explanation worstCase(Rule rule) {
        String usual = switch (rule) {
            case STILLNESS -> "25 min";
            case BATHROOM_TREND -> "6.0 a day";
            case KETTLE_TREND -> "5.5 a day";
            case SLEEP_TREND -> "7 h 10 min a night";
            default -> "08:10, 9 days in 10";
        };
        String now = switch (rule) {
            case SLEEP_TREND -> "5 h 50 min a night this week";
            case KETTLE_TREND -> "2.5 a day this week";
            default -> "9.5 a day this week";
        };
        return new Explanation("usually " + usual, "3x more night movement than usual, 6 of 7 nights",
                Map.of("usual", usual, "since", "22:41 yesterday", "duration", "2 h 45 min",
                        "room", "bathroom", "time", "03:12", "sensor", "pir-bathroom", "battery", "7",
                        "now", now, "detail", "not opened at night in 60 nights"));
    }
}
