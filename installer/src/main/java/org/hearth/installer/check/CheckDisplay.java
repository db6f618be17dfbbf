package org.hearth.installer.check;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hearth.models.time.Durations;

/**
 * Where the check shows itself. On a terminal the table is redrawn in place; anywhere else (a CI
 * log, a test, a pipe) each change is one appended line, so the record reads top to bottom.
 */
public interface CheckDisplay {

    /** What a message told us (plain lines only; the terminal shows it in the table). */
    void notes(Duration elapsed, List<String> notes);

    /** Periodic refresh (the terminal redraws; plain does nothing). */
    void refresh(KitCheck check, Instant now);

    /** A prompt or an outcome for the installer; always shown, never overwritten. */
    void say(String line);

    /** The final table. */
    void finish(KitCheck check, Instant now);

    /** Appended lines, for logs and tests. */
    static CheckDisplay plain(PrintWriter out) {
        return new Plain(out);
    }

    /** Redraws the table in place with ANSI cursor movement. */
    static CheckDisplay terminal(PrintWriter out) {
        return new Terminal(out);
    }

    final class Plain implements CheckDisplay {
        private final PrintWriter out;

        Plain(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void notes(Duration elapsed, List<String> notes) {
            String stamp = "+" + Durations.format(Duration.ofSeconds(elapsed.toSeconds())) + " ";
            notes.forEach(n -> out.println(stamp + n));
            out.flush();
        }

        @Override
        public void refresh(KitCheck check, Instant now) {
            // a log gets each change once, from notes()
        }

        @Override
        public void say(String line) {
            out.println(line);
            out.flush();
        }

        @Override
        public void finish(KitCheck check, Instant now) {
            CheckTable.render(check, now).forEach(out::println);
            out.flush();
        }
    }

    final class Terminal implements CheckDisplay {
        private final PrintWriter out;
        private int drawn;

        Terminal(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void notes(Duration elapsed, List<String> notes) {
            // the redrawn table shows the change
        }

        @Override
        public void refresh(KitCheck check, Instant now) {
            List<String> lines = CheckTable.render(check, now);
            StringBuilder frame = new StringBuilder();
            if (drawn > 0) {
                frame.append("\u001b[").append(drawn).append('F').append("\u001b[J");
            }
            lines.forEach(l -> frame.append(l).append(System.lineSeparator()));
            Duration elapsed = Duration.between(check.startedAt(), now);
            frame.append("listening for ").append(Durations.format(Duration.ofSeconds(elapsed.toSeconds())))
                    .append(": ").append(check.verdict().line()).append(System.lineSeparator());
            out.print(frame);
            out.flush();
            drawn = lines.size() + 1;
        }

        @Override
        public void say(String line) {
            // Leave the table where it is: the prompt and the installer's Enter go below it.
            drawn = 0;
            out.println(line);
            out.flush();
        }

        @Override
        public void finish(KitCheck check, Instant now) {
            refresh(check, now);
            drawn = 0;
        }
    }
}
