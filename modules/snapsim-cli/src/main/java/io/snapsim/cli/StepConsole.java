package io.snapsim.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Where {@code snapsim step} reads its commands: a terminal, with JLine's line editing and history
 * (Enter alone is "next"), or input piped in, read line by line and echoed after the prompt so that
 * a transcript shows what was typed. Confined to the thread that runs the session.
 */
interface StepConsole extends AutoCloseable {
    String PROMPT = "step> ";

    /** The next command line, or null when the input ended (Ctrl-D, Ctrl-C, end of the pipe). */
    String read();

    @Override
    void close();

    /** A console for {@code input}: JLine on a terminal, else line by line, echoing onto {@code out}. */
    static StepConsole of(CommandInput input, PrintWriter out) {
        return input.terminal() ? new Interactive(out) : new Piped(input, out);
    }

    /** Commands piped in: each line is echoed after the prompt. */
    final class Piped implements StepConsole {
        private final BufferedReader in;
        private final PrintWriter out;

        Piped(CommandInput input, PrintWriter out) {
            this.in = new BufferedReader(new InputStreamReader(input.stream(), StandardCharsets.UTF_8));
            this.out = out;
        }

        @Override
        public String read() {
            try {
                String line = in.readLine();
                out.println(PROMPT + (line == null ? "(end of input)" : line));
                out.flush();
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the commands piped in", e);
            }
        }

        @Override
        public void close() {
            // the stream belongs to the process
        }
    }

    /** A terminal, through JLine: line editing, the arrow keys for earlier commands. */
    final class Interactive implements StepConsole {
        private final Terminal terminal;
        private final LineReader reader;
        private final PrintWriter out;

        Interactive(PrintWriter out) {
            this.out = out;
            try {
                this.terminal = TerminalBuilder.builder().system(true).build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the terminal", e);
            }
            this.reader = LineReaderBuilder.builder().terminal(terminal).appName("snapsim step").build();
        }

        @Override
        public String read() {
            out.flush();
            try {
                return reader.readLine(PROMPT);
            } catch (EndOfFileException | UserInterruptException e) {
                return null;
            }
        }

        @Override
        public void close() {
            try {
                terminal.close();
            } catch (IOException e) {
                // the terminal goes with the process anyway
            }
        }
    }
}
