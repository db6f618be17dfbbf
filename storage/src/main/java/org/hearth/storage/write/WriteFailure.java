package org.hearth.storage.write;

/** A write the server did not accept, and whether trying again can help. */
public final class WriteFailure extends Exception {

    /** How the writer reacts. */
    public enum Kind {
        /** The server is away or busy (network, 5xx, 429): keep the points and retry. */
        RETRYABLE,
        /**
         * The server refuses our credentials (401 bad or missing token, 403 token without write
         * permission): no retry can pass until someone fixes the token, so points are not kept (a
         * spill file would grow forever); they are counted as refused.
         */
        REFUSED,
        /** The server refuses the data itself (400, 422): isolate the bad lines and set them aside. */
        REJECTED,
        /** The request was too large (413): split it. */
        TOO_LARGE
    }

    private final Kind kind;
    private final int status;

    public WriteFailure(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when no response came back. */
    public int status() {
        return status;
    }

    /** Classifies an HTTP status (0 for "no response"). */
    public static Kind classify(int status) {
        return switch (status) {
            case 400, 422 -> Kind.REJECTED;
            case 413 -> Kind.TOO_LARGE;
            case 401, 403 -> Kind.REFUSED;
            default -> Kind.RETRYABLE;
        };
    }
}
