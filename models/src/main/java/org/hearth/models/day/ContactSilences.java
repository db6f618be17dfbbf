package org.hearth.models.day;

/**
 * One contact's long silences in a care day ({@link org.hearth.models.activity.ContactSilence}, begun
 * outside the night): how many it opened, and how many of those it also ended (round trips). What
 * tells a door out of the home from a cupboard or a fridge.
 */
public record ContactSilences(int opened, int roundTrips) {

    public static final ContactSilences NONE = new ContactSilences(0, 0);

    public ContactSilences {
        if (opened < 0 || roundTrips < 0 || roundTrips > opened) {
            throw new IllegalArgumentException("contact silences: " + roundTrips + " round trips of " + opened);
        }
    }

    /** This day's and {@code other}'s together. */
    public ContactSilences plus(ContactSilences other) {
        return new ContactSilences(opened + other.opened, roundTrips + other.roundTrips);
    }
}
