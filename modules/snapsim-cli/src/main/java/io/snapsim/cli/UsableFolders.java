package io.snapsim.cli;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.storage.WritableFolder;
import io.snapsim.runtime.job.JobSettingsResolver;
import java.nio.file.Path;

/**
 * The folders {@code run} and {@code sweep} write into, checked before anything runs: the
 * configured checkpoint and savepoint folders, then {@code --reports}. A folder that cannot be used
 * is one line naming the key or option, the path and why, and exit code 2; nothing is created when
 * one is refused before it. Stateless.
 */
final class UsableFolders {
    private UsableFolders() {
    }

    /**
     * @param reportsRoot the {@code --reports} folder, already resolved against the working directory
     * @throws InvalidInputException for the first folder that cannot be used
     */
    static void check(Configuration config, Path reportsRoot) {
        JobSettingsResolver.requireUsableFolders(config);
        WritableFolder.require("--reports", reportsRoot);
    }
}
