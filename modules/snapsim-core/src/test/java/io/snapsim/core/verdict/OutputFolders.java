package io.snapsim.core.verdict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes output lines as a transactional sink would leave them: committed part files plus hidden leftovers. */
final class OutputFolders {
    private OutputFolders() {
    }

    /**
     * Writes {@code lines} in order into {@code files} committed part files of a new folder
     * {@code folder} (reading the folder's part files by name gives the lines back in order), and
     * adds files a reader must skip: an in-progress and a pending transaction and a non-.txt file.
     */
    static Path write(Path folder, List<String> lines, int files) {
        try {
            Files.createDirectories(folder);
            int perFile = Math.max(1, (lines.size() + files - 1) / files);
            for (int f = 0; f < files; f++) {
                List<String> part = lines.subList(Math.min(lines.size(), f * perFile),
                        Math.min(lines.size(), (f + 1) * perFile));
                Files.write(folder.resolve(String.format("part-%03d.txt", f)), part, StandardCharsets.UTF_8);
            }
            Files.writeString(folder.resolve(".part-9-0-0.inprogress"), "not committed\n");
            Files.writeString(folder.resolve(".part-9-0-1.pending"), "not committed either\n");
            Files.writeString(folder.resolve("notes.log"), "not output\n");
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits {@code lines} into {@code folders} consecutive runs' folders under {@code parent}. */
    static List<Path> writeRuns(Path parent, List<String> lines, int folders, int filesPerFolder) {
        List<Path> written = new ArrayList<>();
        int perFolder = Math.max(1, (lines.size() + folders - 1) / folders);
        for (int f = 0; f < folders; f++) {
            List<String> run = lines.subList(Math.min(lines.size(), f * perFolder),
                    Math.min(lines.size(), (f + 1) * perFolder));
            written.add(write(parent.resolve("run-" + f).resolve("output"), run, filesPerFolder));
        }
        return written;
    }
}
