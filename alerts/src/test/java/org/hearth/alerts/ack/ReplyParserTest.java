package org.hearth.alerts.ack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.hearth.alerts.route.AwayKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"OK 4821", "ok 4821", "Ok4821", "  oK   4821  ", "OK-4821", "ok: 4821.", "okay 4821!", "O K 4821", "OK 4821\n"})
    void code_acceptsTolerantForms(String reply) {
        assertThat(ReplyParser.code(reply)).contains("4821");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4821", "OK", "OK 482", "OK 48210", "not ok 4821", "OK 4821 and 1234", "yes", "", "STOP"})
    void code_refusesEverythingElse(String reply) {
        assertThat(ReplyParser.code(reply)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWAY 5d", "away 5 days", "Away: 5d.", "AWAY holiday 5d", "away for 5 days", "AWAY 120h"})
    void parse_readsAnAwayAsAHolidayOfThatLong(String reply) {
        assertThat(ReplyParser.parse(reply)).contains(new ReplyParser.Reply.Away(AwayKind.HOLIDAY, Duration.ofDays(5)));
    }

    @Test
    void parse_readsTheKindOfAwayAndBack() {
        assertThat(ReplyParser.parse("away HOSPITAL 12h")).contains(new ReplyParser.Reply.Away(AwayKind.HOSPITAL, Duration.ofHours(12)));
        assertThat(ReplyParser.parse("Away visitor 3 day")).contains(new ReplyParser.Reply.Away(AwayKind.VISITOR, Duration.ofDays(3)));
        assertThat(ReplyParser.parse(" back. ")).contains(new ReplyParser.Reply.Back());
        assertThat(ReplyParser.code("back")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWAY", "away 0d", "away 61d", "away forever", "away cruise 5d", "away 5", "back soon", "away 5d ok 4821"})
    void parse_refusesAnAwayWithoutAnEndOrBeyondTheMaximum(String reply) {
        assertThat(ReplyParser.parse(reply)).isEmpty();
    }

    @Test
    void normalise_ukForms() {
        assertThat(PhoneNumbers.normalise("07700 900123")).isEqualTo("07700900123"); // national: needs the home's country
        assertThat(PhoneNumbers.normalise("07700 900123", "44")).isEqualTo("+447700900123");
        assertThat(PhoneNumbers.normalise("0612345678", "33")).isEqualTo("+33612345678");
        assertThat(PhoneNumbers.countryCode("+447700900123")).isEqualTo("44");
        assertThat(PhoneNumbers.countryCode("+12025550100")).isEqualTo("1");
        assertThat(PhoneNumbers.countryCode("+353851234567")).isEqualTo("353");
        assertThat(PhoneNumbers.normalise("00447700900123")).isEqualTo("+447700900123");
        assertThat(PhoneNumbers.normalise("447700900123")).isEqualTo("+447700900123");
        assertThat(PhoneNumbers.normalise("+44 (0)7700-900123".replace("(0)", ""))).isEqualTo("+447700900123");
    }
}
