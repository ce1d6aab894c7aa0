package io.snapsim.cli;

import io.snapsim.core.storage.StoragePaths;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code snapsim checkpoints}: the commands that look at retained checkpoints and savepoints on
 * disk without running anything ({@code list}, {@code inspect}). They only read.
 */
@Command(name = "checkpoints", mixinStandardHelpOptions = true,
        description = "Lists and inspects retained checkpoints and savepoints on disk.",
        subcommands = {ListCheckpointsCommand.class, InspectCheckpointCommand.class})
final class CheckpointsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    SnapsimCommand parent;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * A path the user typed, plain or {@code file://}, resolved against the working directory.
     *
     * @param label names the argument in error messages
     */
    Path resolve(String label, String userPath) {
        return parent.workingDirectory().resolve(StoragePaths.parseDirectory(label, userPath));
    }
}
