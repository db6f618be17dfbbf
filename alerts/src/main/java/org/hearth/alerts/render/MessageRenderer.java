package org.hearth.alerts.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hearth.alerts.route.Recipient;
import org.hearth.alerts.route.RecipientKind;
import org.hearth.models.alert.Severity;

/**
 * Renders every SMS Hearth sends: the first alert text, escalations, the duty line's text, the
 * acknowledgement notice, the resolution and the daily digest.
 *
 * <p>Each text aims at one GSM-7 segment (160 septets). Facts are first made plain (typographic
 * quotes and dashes to ASCII, accents GSM-7 lacks stripped) so that they do not force UCS-2; when
 * the text is still too long the optional detail ("usually by 08:10") is dropped, then the headline
 * is shortened; the reply code is never cut. A text that must stay UCS-2 (a character with no plain
 * form) aims at 70 units the same way.
 */
public final class MessageRenderer {

    private static final String PREFIX = "Hearth: ";
    private static final String SYSTEM_PREFIX = "Hearth system: ";

    /** The first text to a carer (also the {@code message} of the {@code alerts.jsonl} line). */
    public String raised(AlertText a) {
        return fit(prefix(a), a, tail(a));
    }

    /** A text after nobody replied: to the next carer, or (with the home id) to the duty line. */
    public String escalated(AlertText a, Recipient to) {
        Objects.requireNonNull(to, "to");
        if (to.kind() == RecipientKind.DUTY_LINE) {
            return fit("Hearth duty, home " + a.homeId() + ": ", a, " Nobody replied. Reply OK " + a.replyCode() + ".");
        }
        return fit("Hearth, no reply yet: ", a, tail(a));
    }

    /** To everyone already texted about an open system alert: it grew ("now also sensor pir-living ... silent"). */
    public String updated(AlertText a) {
        return fit(prefix(a) + "now also ", a, tail(a));
    }

    /** To everyone already texted: one carer has taken it, the others may stand down. */
    public String acknowledged(AlertText a) {
        return shorten(PREFIX + "alert " + a.replyCode() + " for " + a.alias() + " taken by a carer. No action needed.");
    }

    /** To everyone texted: the condition cleared by itself ("up at 09:20"). */
    public String resolved(AlertText a, String how) {
        RuleTemplates.Parts parts = RuleTemplates.render(a);
        String what = how == null || how.isBlank() ? "has cleared" : how.trim();
        String text = PREFIX + "all clear, alert " + a.replyCode() + " (" + parts.headline() + "): " + what + ".";
        if (!SmsLength.of(Gsm7.plain(text)).singleSegment()) {
            text = PREFIX + "all clear for " + a.alias() + ", alert " + a.replyCode() + ": " + what + ".";
        }
        return shorten(text);
    }

    /** The daily digest of trends for one resident: one line per trend, never urgent (may be longer than a segment). */
    public String digest(String alias, List<AlertText> trends) {
        return digestText(alias, trends.stream().map(this::digestLine).toList(), 0, 0);
    }

    /** One trend as a digest line: "bathroom visits rising (5 a night, usually 2)", in plain GSM-7. */
    public String digestLine(AlertText t) {
        RuleTemplates.Parts parts = RuleTemplates.render(t);
        String alias = t.alias();
        String headline = parts.headline().startsWith(alias + ": ") ? parts.headline().substring(alias.length() + 2) : parts.headline();
        return Gsm7.plain(parts.detail() == null ? headline : headline + " (" + parts.detail() + ")");
    }

    /**
     * The digest as texts of one segment each: one text when the lines fit, otherwise as few texts
     * as the lines need, numbered ("Hearth: J.S. summary 1/2: ..."), never splitting a line; a line
     * too long for a segment on its own is shortened with "...".
     */
    public List<String> digestTexts(String alias, List<String> lines) {
        Objects.requireNonNull(lines, "lines");
        if (lines.isEmpty()) {
            return List.of();
        }
        String whole = digestText(alias, lines, 0, 0);
        if (SmsLength.of(whole).singleSegment()) {
            return List.of(whole);
        }
        // Pack greedily with a two-digit part header, so that the real header is never longer.
        List<List<String>> parts = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : lines) {
            String fitted = fitLine(alias, line);
            List<String> trial = new ArrayList<>(current);
            trial.add(fitted);
            if (!current.isEmpty() && !SmsLength.of(digestText(alias, trial, 99, 99)).singleSegment()) {
                parts.add(current);
                current = new ArrayList<>(List.of(fitted));
            } else {
                current = trial;
            }
        }
        parts.add(current);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            texts.add(digestText(alias, parts.get(i), i + 1, parts.size()));
        }
        return texts;
    }

    private String fitLine(String alias, String line) {
        String l = line;
        while (l.length() > 8 && !SmsLength.of(digestText(alias, List.of(l), 99, 99)).singleSegment()) {
            l = l.substring(0, l.length() - 4).stripTrailing() + "...";
        }
        return l;
    }

    private static String digestText(String alias, List<String> lines, int part, int of) {
        StringBuilder text = new StringBuilder(PREFIX);
        text.append(part == 0 ? "daily summary for " + alias : alias + " summary " + part + "/" + of).append(':');
        for (String line : lines) {
            text.append(' ').append(line).append(';');
        }
        text.setLength(text.length() - 1);
        return Gsm7.plain(text.append('.').toString());
    }

    private static String prefix(AlertText a) {
        return a.rule().severity() == Severity.SYSTEM ? SYSTEM_PREFIX : PREFIX;
    }

    private static String tail(AlertText a) {
        if (a.replyCode() == null) {
            return "";
        }
        return " Reply OK " + a.replyCode() + " to take this.";
    }

    /** prefix + headline [+ " (" + detail + ")"] + "." + tail, shortened to one segment if needed. */
    private static String fit(String prefix, AlertText a, String tail) {
        RuleTemplates.Parts parts = RuleTemplates.render(a);
        String headline = Gsm7.plain(parts.headline());
        String detail = parts.detail() == null || parts.detail().isBlank() ? null : Gsm7.plain(parts.detail());
        String full = prefix + headline + (detail == null ? "" : " (" + detail + ")") + "." + tail;
        if (SmsLength.of(full).singleSegment()) {
            return full;
        }
        String noDetail = prefix + headline + "." + tail;
        if (SmsLength.of(noDetail).singleSegment()) {
            return noDetail;
        }
        // Cut the headline, keep the reply code: the code is what lets a carer act.
        String cut = headline;
        while (cut.length() > 10 && !SmsLength.of(prefix + cut + "..." + tail).singleSegment()) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return prefix + cut.stripTrailing() + "..." + tail;
    }

    private static String shorten(String text) {
        String plain = Gsm7.plain(text);
        if (SmsLength.of(plain).singleSegment()) {
            return plain;
        }
        int keep = plain.length();
        while (keep > 10 && !SmsLength.of(plain.substring(0, keep).stripTrailing() + "...").singleSegment()) {
            keep--;
        }
        return plain.substring(0, keep).stripTrailing() + "...";
    }
}
