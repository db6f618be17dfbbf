package org.hearth.installer.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.hearth.models.json.HearthJson;
import org.hearth.models.status.HomeStatus;

/** The status message's bytes, through Hearth's one JSON mapper. */
public final class HomeStatusJson {

    private HomeStatusJson() {}

    public static byte[] write(HomeStatus status) {
        try {
            return HearthJson.json().writeValueAsBytes(status);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException saying what is wrong when the bytes are not a status */
    public static HomeStatus read(byte[] json) {
        try {
            return HearthJson.json().readValue(json, HomeStatus.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a home status: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
