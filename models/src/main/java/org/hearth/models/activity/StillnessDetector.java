package org.hearth.models.activity;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Sensor;
import org.hearth.models.registry.SensorRole;

/**
 * Stillness spells: gaps between signs of life (motion, a door, a bed change, a button, the kettle
 * switching on) while the resident is at home and out of bed. A gap that began in bed is sleep; a
 * gap during which they went out is absence. Spells are reported when they end, which a fall does
 * not do: live rules read the running spell from {@link HomeStatus} instead.
 */
final class StillnessDetector {

    private final ActivityConfig config;
    private Instant lastSign;
    private String roomAtLastSign;
    private boolean inBedAtLastSign;
    private boolean wentOutSinceLastSign;
    /** The contact whose opening or closing was the last sign of life, or null (the exit doors' evidence). */
    private String contactAtLastSign;

    StillnessDetector(ActivityConfig config) {
        this.config = config;
    }

    /** Whether this event is a sign of life at all. */
    boolean isSign(SensorEvent e, Sensor sensor) {
        return switch (e.kind()) {
            case MOTION, BUTTON -> e.isOn();
            case CONTACT, BED -> true;
            case POWER -> sensor.role() == SensorRole.KETTLE && e.value() >= config.kettleOnWatts();
            default -> false;
        };
    }

    /**
     * Applies a sign of life, after the other detectors have seen it. A gap ended by an exit door (the
     * front door, or a contact learned as one) is not reported as stillness: most likely the person is
     * coming back from an outing the door did not show them leaving on (left open behind them, a back
     * door without a sensor, a bounce lost). Learned as stillness, such outings made the hall's and the
     * kitchen's limits hours long on a real home.
     *
     * <p>A gap of {@link ContactSilence#MIN_LENGTH} or more that a contact opened (not begun in bed) is
     * reported as a {@link ContactSilence} whatever the tracker believed meanwhile, with whether the
     * same contact ended it: what an exit door is learned from.
     *
     * @param exitDoor whether the sign is an exit door's contact
     * @param contactId the contact whose change of state this sign is, or null for any other sign
     */
    void onSign(SensorEvent e, String lastSeenRoom, boolean rawInBed, boolean exitDoor, String contactId,
            java.util.function.Consumer<Activity> out) {
        if (lastSign != null && !inBedAtLastSign) {
            Duration gap = Duration.between(lastSign, e.ts());
            if (contactAtLastSign != null && gap.compareTo(ContactSilence.MIN_LENGTH) >= 0) {
                out.accept(new ContactSilence(lastSign, e.ts(), contactAtLastSign, contactAtLastSign.equals(contactId)));
            }
            if (!wentOutSinceLastSign && !exitDoor && gap.compareTo(config.minStillness()) >= 0 && roomAtLastSign != null) {
                out.accept(new Stillness(lastSign, e.ts(), roomAtLastSign));
            }
        }
        lastSign = e.ts();
        roomAtLastSign = lastSeenRoom;
        inBedAtLastSign = rawInBed || (e.kind() == SensorKind.BED && e.isOn());
        wentOutSinceLastSign = false;
        contactAtLastSign = contactId;
    }

    void onActivity(Activity a) {
        if (a instanceof LeftHome) {
            wentOutSinceLastSign = true;
        }
    }

    Instant lastSign() {
        return lastSign;
    }

    void write(DataOutput out, TrackerIO io) throws IOException {
        io.writeInstant(out, lastSign);
        io.writeString(out, roomAtLastSign);
        out.writeBoolean(inBedAtLastSign);
        out.writeBoolean(wentOutSinceLastSign);
        if (io.version >= TrackerIO.EXITS) {
            io.writeString(out, contactAtLastSign);
        }
    }

    void read(DataInput in, TrackerIO io) throws IOException {
        lastSign = io.readInstant(in);
        roomAtLastSign = io.readString(in);
        inBedAtLastSign = in.readBoolean();
        wentOutSinceLastSign = in.readBoolean();
        contactAtLastSign = io.version >= TrackerIO.EXITS ? io.readString(in) : null;
    }
}
