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

    /** Codes of the extension characters after the escape (0x1B), in {@link #EXTENSION}'s order. */
    private static final byte[] EXTENSION_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    private static final byte ESCAPE = 0x1B;

    private Gsm7() {}

    /**
     * Encodes as unpacked GSM 03.38 septets, one per byte (what SMPP's data_coding 0 carries on
     * most SMSCs); extension characters become escape + code.
     *
     * @throws IllegalArgumentException when the text is not GSM-7
     */
    public static byte[] encodeUnpacked(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int basic = c == '\u0000' ? -1 : BASIC.indexOf(c);
            if (basic >= 0) {
                out.write(basic);
                continue;
            }
            int ext = EXTENSION.indexOf(c);
            if (ext < 0) {
                throw new IllegalArgumentException("not GSM-7 at index " + i);
            }
            out.write(ESCAPE);
            out.write(EXTENSION_CODES[ext]);
        }
        return out.toByteArray();
    }

    /** Decodes unpacked GSM 03.38 septets; unknown codes become '?'. */
    public static String decodeUnpacked(byte[] septets) {
        StringBuilder out = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int b = septets[i] & 0x7f;
            if (b == ESCAPE && i + 1 < septets.length) {
                int next = septets[++i] & 0x7f;
                char decoded = '?';
                for (int e = 0; e < EXTENSION_CODES.length; e++) {
                    if (EXTENSION_CODES[e] == next) {
                        decoded = EXTENSION.charAt(e);
                    }
                }
                out.append(decoded);
            } else {
                out.append(b == ESCAPE ? ' ' : BASIC.charAt(b));
            }
        }
        return out.toString();
    }

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
