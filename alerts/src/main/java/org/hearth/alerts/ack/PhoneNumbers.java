package org.hearth.alerts.ack;

/** Normalises phone numbers for comparison (E.164; UK national numbers assumed for a leading 0). */
public final class PhoneNumbers {

    private PhoneNumbers() {}

    /** {@code 07700 900123}, {@code 00447700900123}, {@code 447700900123} all become {@code +447700900123}. */
    public static String normalise(String number) {
        if (number == null) {
            return "";
        }
        String digits = number.replaceAll("[\\s().-]", "");
        if (digits.startsWith("00")) {
            return "+" + digits.substring(2);
        }
        if (digits.startsWith("+")) {
            return digits;
        }
        if (digits.startsWith("0")) {
            return "+44" + digits.substring(1);
        }
        return "+" + digits;
    }
}
