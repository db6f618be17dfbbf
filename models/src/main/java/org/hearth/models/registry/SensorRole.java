package org.hearth.models.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a sensor is for, when the rules need to know more than its kind and room. */
public enum SensorRole {
    /** The resident's bed sensor: rise time, bedtime, night exits. */
    BED("bed"),
    /** The plug the kettle is on: kettle boils. */
    KETTLE("kettle"),
    /** Motion in the bathroom: bathroom visits, stricter stillness. */
    BATHROOM("bathroom"),
    /** Motion in the kitchen. */
    KITCHEN("kitchen"),
    /** The door to the outside: out-of-home spells, night door. */
    FRONT_DOOR("front-door"),
    /** The help button: urgent at once (and the answer to an "I'm OK" pre-alert within its window). */
    HELP_BUTTON("help-button"),
    /**
     * Something else the resident can press to say "I'm OK" (a Zigbee remote's button, a wall switch
     * on a Shelly input, a Tasmota button): within a pre-alert window it answers, as the help button
     * does; otherwise it is ignored, never a help alert.
     */
    OK_BUTTON("ok-button");

    private final String wireName;

    SensorRole(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException naming the accepted roles when the name is unknown */
    @JsonCreator
    public static SensorRole fromWireName(String name) {
        String lower = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (SensorRole role : values()) {
            if (role.wireName.equals(lower)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "' (one of "
                + Arrays.stream(values()).map(SensorRole::wireName).collect(Collectors.joining(", ")) + ")");
    }
}
