package org.hearth.alerts.render;

/** The two alphabets an SMS is sent in (3GPP TS 23.038). */
public enum SmsEncoding {
    /** GSM 03.38 default alphabet, 7 bits a character: 160 in one segment, 153 per part when split. */
    GSM7(160, 153),
    /** UTF-16: 70 code units in one segment, 67 per part when split. */
    UCS2(70, 67);

    private final int single;
    private final int perPart;

    SmsEncoding(int single, int perPart) {
        this.single = single;
        this.perPart = perPart;
    }

    /** Units (septets or UTF-16 code units) that fit one unsplit segment. */
    public int singleSegment() {
        return single;
    }

    /** Units per part of a concatenated message (the user data header takes the rest). */
    public int perPart() {
        return perPart;
    }
}
