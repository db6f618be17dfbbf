package org.hearth.alerts.ack;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a carer's "OK 4821" reply, tolerant of what phones and thumbs do: any case, no space or
 * several, punctuation between and after ("ok-4821", "Ok  4821."), a trailing signature-free
 * newline. Anything else is not an acknowledgement.
 */
public final class ReplyParser {

    private static final Pattern OK = Pattern.compile("^\\s*o\\s*k(?:ay)?[\\s.,:;#-]*(\\d{4})[\\s.!]*$",
            Pattern.CASE_INSENSITIVE);

    private ReplyParser() {}

    /** The 4-digit code of an "OK code" reply, or empty. */
    public static Optional<String> code(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = OK.matcher(text);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
