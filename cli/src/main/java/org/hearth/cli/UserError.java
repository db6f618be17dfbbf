package org.hearth.cli;

/** An error in what the user gave us, stated so that they can fix it; exits with code 2. */
public final class UserError extends RuntimeException {

    public UserError(String message) {
        super(message);
    }
}
