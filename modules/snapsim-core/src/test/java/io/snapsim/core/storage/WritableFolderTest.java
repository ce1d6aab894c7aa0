package io.snapsim.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WritableFolderTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingFolderIsCreatedWithItsParentsAndNothingElseIsLeftInIt() throws IOException {
        Path folder = tmp.resolve("a/b/checkpoints");

        assertThat(WritableFolder.require("state.checkpoints.dir", folder)).isEqualTo(folder);

        assertThat(folder).isDirectory();
        try (Stream<Path> entries = Files.list(folder)) {
            assertThat(entries).as("the write check leaves nothing behind").isEmpty();
        }
    }

    @Test
    void anExistingFolderIsKeptAsItIs() throws IOException {
        Path folder = Files.createDirectory(tmp.resolve("cp"));
        Files.writeString(folder.resolve("kept"), "x");

        WritableFolder.require("--reports", folder);

        assertThat(folder.resolve("kept")).hasContent("x");
    }

    @Test
    void aFileIsRefusedNamingTheLabelAndThePath() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "x");

        assertThatThrownBy(() -> WritableFolder.require("--reports", file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--reports: " + file + " is a file, not a folder");
    }

    @Test
    void aFolderBelowAFileIsRefusedNamingTheFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "x");

        assertThatThrownBy(() -> WritableFolder.require("state.savepoints.dir", file.resolve("sp/deeper")))
                .hasMessage("state.savepoints.dir: cannot create folder " + file.resolve("sp/deeper") + ": " + file
                        + " is a file, not a folder");
    }

    @Test
    void aFolderBelowABrokenLinkIsRefusedSayingSo() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("nowhere"));

        assertThatThrownBy(() -> WritableFolder.require("state.checkpoints.dir", link.resolve("cp")))
                .hasMessageContaining(link + " is a symbolic link to nothing");
    }

    @Test
    void aFolderTheFileSystemRefusesIsRefusedWithTheReason() {
        assertThatThrownBy(() -> WritableFolder.require("state.checkpoints.dir", Path.of("/proc/snapsim-test")))
                .hasMessage("state.checkpoints.dir: cannot create folder /proc/snapsim-test: the file system refuses it");
        assertThatThrownBy(() -> WritableFolder.require("state.checkpoints.dir", Path.of("/proc")))
                .hasMessage("state.checkpoints.dir: folder /proc does not take new folders: the file system refuses it");
    }
}
