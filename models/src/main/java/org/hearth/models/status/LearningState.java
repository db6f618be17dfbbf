package org.hearth.models.status;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a home's personal rules run yet: only the fixed safety rules run while learning. */
public enum LearningState {
    LEARNING("learning"),
    WATCHING("watching");

    private final String wireName;

    LearningState(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
