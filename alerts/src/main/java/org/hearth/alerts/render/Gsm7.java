package org.hearth.alerts.render;

import java.text.Normalizer;

/**
 * The GSM 03.38 default alphabet and its extension table, and a conservative transliteration into
 * it, so that a stray curly quote or en dash in a fact does not turn a message into UCS-2.
 */
public final class Gsm7 {

    /** The basic set in code order; index 0x1B (escape) is a placeholder never matched. */
    private static final String BASIC =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u0000ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                    + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /** Characters reached through the escape: each costs two septets. */
    private static final String EXTENSION = "\f^{}\\[~]|€";

    private Gsm7() {}

    /** 1 for the basic set, 2 for the extension table, -1 when GSM-7 cannot carry it. */
    public static int septets(char c) {
        if (c != '\u0000' && BASIC.indexOf(c) >= 0) {
            return 1;
        }
        if (EXTENSION.indexOf(c) >= 0) {
            return 2;
        }
        return -1;
    }

    public static boolean encodable(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (septets(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Septets of an encodable text. */
    public static int septets(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            int w = septets(text.charAt(i));
            if (w < 0) {
                throw new IllegalArgumentException("not GSM-7 at index " + i);
            }
            n += w;
        }
        return n;
    }

    /**
     * Replaces typographic punctuation with its plain form and strips accents that GSM-7 lacks
     * ("ë" to "e"; "é" stays, it is in the basic set). Characters with no plain form are kept, so
     * the text may still need UCS-2: {@link SmsLength#of} decides.
     */
    public static String plain(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (septets(c) > 0) {
                out.append(c);
                continue;
            }
            switch (c) {
                case '\u2018', '\u2019', '\u201B', '\u2032' -> out.append('\'');
                case '\u201C', '\u201D', '\u201F', '\u2033' -> out.append('"');
                case '\u2013', '\u2014', '\u2212', '\u2010', '\u2011' -> out.append('-');
                case '\u2026' -> out.append("...");
                case '\u00A0', '\u2009', '\u202F', '\t' -> out.append(' ');
                case '\u2022', '\u00B7' -> out.append('*');
                default -> {
                    String stripped = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD)
                            .replaceAll("\\p{M}+", "");
                    out.append(stripped.length() == 1 && septets(stripped.charAt(0)) > 0 ? stripped : String.valueOf(c));
                }
            }
        }
        return out.toString();
    }
}
