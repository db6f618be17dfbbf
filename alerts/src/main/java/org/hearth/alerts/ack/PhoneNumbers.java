package org.hearth.alerts.ack;

import java.util.Set;

/**
 * Normalises phone numbers for comparison. International forms ({@code +44 7700 900123},
 * {@code 0044…}) become E.164; a national form ({@code 07700 900123}) needs a country to complete
 * it, which the caller takes from the home the number is registered for (see {@link AckHandler}):
 * gateways hand national numbers on as they came, never as {@code +07…}.
 */
public final class PhoneNumbers {

    /**
     * Two-digit ITU-T E.164 country calling codes (the assigned list; codes are prefix-free, so a
     * number's code is 1 or 7, one of these, or its first three digits).
     */
    private static final Set<String> TWO_DIGIT = Set.of("20", "27", "30", "31", "32", "33", "34", "36", "39", "40",
            "41", "43", "44", "45", "46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61",
            "62", "63", "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98");

    private PhoneNumbers() {}

    /**
     * {@code 00447700900123}, {@code 447700900123}, {@code +44 7700-900123} become {@code +447700900123};
     * a national number ({@code 07700 900123}: one leading 0) is returned as its digits, still national.
     */
    public static String normalise(String number) {
        if (number == null) {
            return "";
        }
        String digits = number.replaceAll("[\\s().-]", "");
        if (digits.startsWith("00")) {
            return "+" + digits.substring(2);
        }
        if (digits.startsWith("+") || digits.startsWith("0")) {
            return digits;
        }
        return "+" + digits;
    }

    /** Like {@link #normalise(String)}, completing a national number with the country calling code ({@code 44}). */
    public static String normalise(String number, String countryCode) {
        String n = normalise(number);
        return isNational(n) && countryCode != null ? "+" + countryCode + n.substring(1) : n;
    }

    /** Whether a normalised number is in national form (a trunk prefix 0, no country). */
    public static boolean isNational(String normalised) {
        return normalised.startsWith("0") && !normalised.startsWith("00");
    }

    /** The country calling code of an E.164 number ({@code +447700900123} → {@code 44}), or null. */
    public static String countryCode(String e164) {
        String n = normalise(e164);
        if (!n.startsWith("+") || n.length() < 4) {
            return null;
        }
        String digits = n.substring(1);
        if (digits.startsWith("1") || digits.startsWith("7")) {
            return digits.substring(0, 1);
        }
        return TWO_DIGIT.contains(digits.substring(0, 2)) ? digits.substring(0, 2) : digits.substring(0, 3);
    }
}
