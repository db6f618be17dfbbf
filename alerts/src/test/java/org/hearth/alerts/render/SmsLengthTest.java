package org.hearth.alerts.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsLengthTest {

    @Test
    void of_160BasicCharactersIsOneSegment() {
        SmsLength len = SmsLength.of("a".repeat(160));
        assertThat(len.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(len.units()).isEqualTo(160);
        assertThat(len.segments()).isEqualTo(1);
        assertThat(SmsLength.of("a".repeat(161)).segments()).isEqualTo(2);
        assertThat(SmsLength.of("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsLength.of("a".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void of_extensionCharactersCountTwo() {
        assertThat(SmsLength.of("€").units()).isEqualTo(2);
        assertThat(SmsLength.of("[]{}|^~\\").units()).isEqualTo(16);
        assertThat(SmsLength.of("€".repeat(80)).segments()).isEqualTo(1);
        assertThat(SmsLength.of("€".repeat(80) + "a").segments()).isEqualTo(2);
    }

    @Test
    void of_escapePairIsNotSplitAcrossParts() {
        // 152 basic + one euro: the euro's two septets would straddle parts 1 and 2, so it moves whole.
        String text = "a".repeat(152) + "€" + "a".repeat(152);
        assertThat(SmsLength.of(text).units()).isEqualTo(306);
        assertThat(SmsLength.of(text).segments()).isEqualTo(3);
    }

    @Test
    void of_basicSetAccentsStayGsm() {
        assertThat(SmsLength.of("é è ù ì ò Ç Ø ø Å å Ä Ö Ñ Ü ä ö ñ ü à ß Æ æ É £ ¥ § ¿ ¡ Δ Ω").encoding())
                .isEqualTo(SmsEncoding.GSM7);
    }

    @Test
    void of_oneNonGsmCharacterMakesUcs2() {
        SmsLength len = SmsLength.of("a".repeat(69) + "’");
        assertThat(len.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(len.units()).isEqualTo(70);
        assertThat(len.segments()).isEqualTo(1);
        assertThat(SmsLength.of("a".repeat(70) + "ë").segments()).isEqualTo(2);
        assertThat(SmsLength.of("a".repeat(134) + "ë").segments()).isEqualTo(3);
    }

    @Test
    void of_surrogatePairIsNotSplit() {
        String text = "a".repeat(66) + "\uD83D\uDE00" + "a".repeat(66);
        assertThat(SmsLength.of(text).units()).isEqualTo(134);
        assertThat(SmsLength.of(text).segments()).isEqualTo(3);
    }

    @Test
    void gsm7_basicTableHas127PrintableEntriesPlusEscape() {
        int basic = 0;
        int extension = 0;
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            int w = Gsm7.septets(c);
            if (w == 1) {
                basic++;
            } else if (w == 2) {
                extension++;
            }
        }
        assertThat(basic).isEqualTo(127);
        assertThat(extension).isEqualTo(10);
    }

    @Test
    void plain_replacesTypography() {
        assertThat(Gsm7.plain("J.S.’s “door” – 03:12…")).isEqualTo("J.S.'s \"door\" - 03:12...");
        assertThat(Gsm7.plain("Zoë")).isEqualTo("Zoe");
        assertThat(Gsm7.plain("Renée")).isEqualTo("Renée");
        assertThat(Gsm7.plain("李")).isEqualTo("李");
    }
}
