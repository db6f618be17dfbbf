package org.hearth.alerts.render;

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

    /** The daily digest of trends for one resident: one line per trend, never urgent. */
    public String digest(String alias, List<AlertText> trends) {
        StringBuilder text = new StringBuilder(PREFIX).append("daily summary for ").append(alias).append(':');
        for (AlertText t : trends) {
            RuleTemplates.Parts parts = RuleTemplates.render(t);
            String headline = parts.headline().startsWith(alias + ": ")
                    ? parts.headline().substring(alias.length() + 2) : parts.headline();
            text.append(' ').append(headline);
            if (parts.detail() != null) {
                text.append(" (").append(parts.detail()).append(')');
            }
            text.append(';');
        }
        text.setLength(text.length() - 1);
        return Gsm7.plain(text.append('.').toString()); // a digest may take two segments; it is sent once a day
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
