package io.snapsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the process's standard error is a terminal, so that progress may be redrawn in place. Stateless. */
final class Terminals {
    private Terminals() {
    }

    /**
     * True when standard error is a terminal. On Linux, read from where file descriptor 2 points
     * ({@code /dev/pts/N} or {@code /dev/ttyN}); elsewhere, a console present for the process.
     */
    static boolean stderrIsTerminal() {
        return isTerminal(2);
    }

    /** True when standard input is a terminal (not a pipe or a file), as for {@link #stderrIsTerminal}. */
    static boolean stdinIsTerminal() {
        return isTerminal(0);
    }

    private static boolean isTerminal(int descriptor) {
        Path fd = Path.of("/proc/self/fd/" + descriptor);
        if (Files.exists(fd, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
