package org.hearth.ingest.deadletter;

/**
 * Makes text that came from outside (a payload's value quoted in a detail, a topic) safe to write
 * to a UTF-8 file or a log line. A JSON escape such as {@code "\ud800"} decodes to a lone
 * surrogate, which no UTF-8 encoder will write (issue 19: one such message stopped the
 * dead-letter writer and, with it, the job); a cut at a fixed length can split a pair the same way.
 */
public final class SafeText {

    /** Longest detail kept: a detail quotes values, and a value can be as long as its payload. */
    public static final int MAX_DETAIL_CHARS = 512;
    static final char REPLACEMENT = '\uFFFD';

    private SafeText() {}

    /** {@code s} with every unpaired surrogate replaced by U+FFFD; null stays null. */
    public static String wellFormed(String s) {
        if (s == null || isWellFormed(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return out.toString();
    }

    /**
     * A detail for a file or a log line: well formed, control characters shown as {@code \\uXXXX}
     * (a newline or terminal escape in a payload must not forge a log line), at most
     * {@link #MAX_DETAIL_CHARS}, cut between code points.
     */
    public static String detail(String s) {
        if (s == null) {
            return null;
        }
        String cut = s;
        if (s.length() > MAX_DETAIL_CHARS) {
            int end = MAX_DETAIL_CHARS;
            if (Character.isLowSurrogate(s.charAt(end)) && Character.isHighSurrogate(s.charAt(end - 1))) {
                end--;
            }
            cut = s.substring(0, end) + "... (" + s.length() + " chars)";
        }
        StringBuilder out = null;
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (Character.isISOControl(c)) {
                if (out == null) {
                    out = new StringBuilder(cut.length() + 16).append(cut, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return wellFormed(out == null ? cut : out.toString());
    }

    static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
