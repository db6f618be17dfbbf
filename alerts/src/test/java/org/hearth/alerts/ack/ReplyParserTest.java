package org.hearth.alerts.ack;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void normalise_ukForms() {
        assertThat(PhoneNumbers.normalise("07700 900123")).isEqualTo("+447700900123");
        assertThat(PhoneNumbers.normalise("00447700900123")).isEqualTo("+447700900123");
        assertThat(PhoneNumbers.normalise("447700900123")).isEqualTo("+447700900123");
        assertThat(PhoneNumbers.normalise("+44 (0)7700-900123".replace("(0)", ""))).isEqualTo("+447700900123");
    }
}
