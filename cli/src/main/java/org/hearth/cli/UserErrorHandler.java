package org.hearth.cli;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns the errors a user can fix (a missing file, a broken registry, a bad value) into one clear
 * line on stderr and exit code 2, instead of a stack trace. Anything else is a bug and keeps its trace.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {

    static final int USER_ERROR = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        String message;
        if (cause instanceof NoSuchFileException || cause instanceof FileNotFoundException) {
            message = "no such file: " + cause.getMessage();
        } else if (cause instanceof IllegalArgumentException || cause instanceof UserError) {
            message = cause.getMessage();
        } else {
            cli.getErr().println("hearth " + cli.getCommandName() + ": internal error");
            e.printStackTrace(cli.getErr());
            return 1;
        }
        cli.getErr().println("hearth " + cli.getCommandName() + ": " + message);
        return USER_ERROR;
    }
}
