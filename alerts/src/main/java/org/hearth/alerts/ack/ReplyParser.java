package org.hearth.alerts.ack;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearth.alerts.route.AwayKind;

/**
 * Reads a carer's text, tolerant of what phones and thumbs do (any case, spaces or none,
 * punctuation): {@code OK 4821} takes an alert; {@code AWAY [hospital|holiday|visitor] 5d} (or
 * {@code 12h}, {@code 5 days}) pauses behavioural monitoring for that long, holiday when no kind is
 * given, at most {@link #MAX_AWAY}; {@code BACK} resumes it; {@code STOP} (and the other opt-out words)
 * opts the carer out of texts. Anything else is not understood.
 */
public final class ReplyParser {

    /** The longest pause one text may set; a longer stay is renewed by another text. */
    public static final Duration MAX_AWAY = Duration.ofDays(60);

    private static final Pattern OK = Pattern.compile("^\\s*o\\s*k(?:ay)?[\\s.,:;#-]*(\\d{4})[\\s.!]*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AWAY = Pattern.compile(
            "^\\s*away[\\s.,:;-]*(?:(hospital|holiday|visitor)[\\s.,:;-]*)?(?:for\\s+)?(\\d{1,4})\\s*(d|days?|h|hrs?|hours?)[\\s.!]*$",
            Pattern.CASE_INSENSITIVE);
    /** The opt-out words Twilio and UK/US carriers honour (Twilio's default opt-out keywords). */
    private static final Pattern STOP = Pattern.compile("^\\s*(stop|stopall|unsubscribe|cancel|end|quit)[\\s.!]*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BACK = Pattern.compile("^\\s*back[\\s.!]*$", Pattern.CASE_INSENSITIVE);

    /** What a text asks for. */
    public sealed interface Reply {
        /** "OK 4821". */
        record Ok(String code) implements Reply {}

        /** "AWAY hospital 5d": pause for {@code duration} (at most {@link #MAX_AWAY}). */
        record Away(AwayKind kind, Duration duration) implements Reply {}

        /** "BACK". */
        record Back() implements Reply {}

        /** "STOP" (or another opt-out word): the carer wants no more texts. */
        record Stop() implements Reply {}
    }

    private ReplyParser() {}

    /** The 4-digit code of an "OK code" reply, or empty. */
    public static Optional<String> code(String text) {
        return parse(text).filter(r -> r instanceof Reply.Ok).map(r -> ((Reply.Ok) r).code());
    }

    /** What the text asks for, or empty when it is none of the commands (or an away of zero or beyond the maximum). */
    public static Optional<Reply> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher ok = OK.matcher(text);
        if (ok.matches()) {
            return Optional.of(new Reply.Ok(ok.group(1)));
        }
        if (STOP.matcher(text).matches()) {
            return Optional.of(new Reply.Stop());
        }
        if (BACK.matcher(text).matches()) {
            return Optional.of(new Reply.Back());
        }
        Matcher away = AWAY.matcher(text);
        if (away.matches()) {
            AwayKind kind = away.group(1) == null ? AwayKind.HOLIDAY : AwayKind.fromWireName(away.group(1));
            long n = Long.parseLong(away.group(2));
            Duration duration = away.group(3).toLowerCase(Locale.ROOT).startsWith("d") ? Duration.ofDays(n) : Duration.ofHours(n);
            if (n > 0 && duration.compareTo(MAX_AWAY) <= 0) {
                return Optional.of(new Reply.Away(kind, duration));
            }
        }
        return Optional.empty();
    }
}
