package org.hearth.alerts.render;

import java.util.Objects;

/**
 * How a text is encoded and how many segments it costs.
 *
 * <p>GSM-7 counts a basic-set character as one septet and an extension-table character
 * ({@code ^ { } \ [ ~ ] | €} and form feed) as two (escape + character). A single character outside
 * both tables turns the whole message into UCS-2, whose limit is 70 instead of 160: one curly quote
 * more than halves the room. When split, an escape pair or a surrogate pair is never cut across two
 * parts, so a split is counted part by part rather than by dividing.
 *
 * @param encoding the alphabet the text needs
 * @param units septets (GSM-7) or UTF-16 code units (UCS-2)
 * @param segments how many SMS the text costs (1 for the empty text)
 */
public record SmsLength(SmsEncoding encoding, int units, int segments) {

    public static SmsLength of(String text) {
        Objects.requireNonNull(text, "text");
        if (Gsm7.encodable(text)) {
            int units = Gsm7.septets(text);
            return new SmsLength(SmsEncoding.GSM7, units, units <= 160 ? 1 : splitGsm(text));
        }
        int units = text.length();
        return new SmsLength(SmsEncoding.UCS2, units, units <= 70 ? 1 : splitUcs2(text));
    }

    public boolean singleSegment() {
        return segments == 1;
    }

    private static int splitGsm(String text) {
        int parts = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int w = Gsm7.septets(text.charAt(i));
            if (used + w > SmsEncoding.GSM7.perPart()) {
                parts++;
                used = 0;
            }
            used += w;
        }
        return parts;
    }

    private static int splitUcs2(String text) {
        int parts = 1;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int w = Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length() ? 2 : 1;
            if (used + w > SmsEncoding.UCS2.perPart()) {
                parts++;
                used = 0;
            }
            used += w;
            i += w;
        }
        return parts;
    }
}
