package io.snapsim.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoragePathsTest {

    private static final String KEY = "state.checkpoints.dir";

    @Nested
    class ParseDirectory {

        @Test
        void acceptsAnAbsolutePlainPath() {
            assertThat(StoragePaths.parseDirectory(KEY, "/tmp/x")).isEqualTo(Path.of("/tmp/x"));
        }

        @Test
        void acceptsAFileUriWithATrailingSlash() {
            assertThat(StoragePaths.parseDirectory(KEY, "file:///tmp/x/")).isEqualTo(Path.of("/tmp/x"));
        }

        @Test
        void acceptsAFileUriWithLocalhostAndEscapes() {
            assertThat(StoragePaths.parseDirectory(KEY, "file://localhost/tmp/my%20checkpoints"))
                    .isEqualTo(Path.of("/tmp/my checkpoints"));
        }

        @Test
        void keepsARelativePathRelative() {
            Path p = StoragePaths.parseDirectory(KEY, "rel/dir");

            assertThat(p).isEqualTo(Path.of("rel/dir"));
            assertThat(p.isAbsolute()).isFalse();
        }

        @Test
        void refusesHdfsNamingKeyValueAndScheme() {
            assertThatThrownBy(() -> StoragePaths.parseDirectory(KEY, "hdfs:///checkpoints/"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("state.checkpoints.dir: unsupported file system scheme 'hdfs' in 'hdfs:///checkpoints/';"
                            + " snapsim supports plain paths and file:// URIs");
        }

        @Test
        void refusesS3NamingTheScheme() {
            assertThatThrownBy(() -> StoragePaths.parseDirectory("execution.checkpointing.savepoint-dir", "s3://bucket/x"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("execution.checkpointing.savepoint-dir: unsupported file system scheme 's3'")
                    .hasMessageContaining("'s3://bucket/x'");
        }

        @Test
        void refusesAFileUriWithAHostExplainingTheTripleSlash() {
            assertThatThrownBy(() -> StoragePaths.parseDirectory(KEY, "file://tmp/x"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("host 'tmp'")
                    .hasMessageContaining("file:///path");
        }

        @Test
        void refusesABlankValue() {
            assertThatThrownBy(() -> StoragePaths.parseDirectory(KEY, "  "))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage(KEY + ": must not be empty");
        }
    }

    @Nested
    class ResolveMetadataFile {

        @TempDir
        Path tmp;

        private Path checkpoint() {
            Path chk = tmp.resolve("job").resolve("chk-4");
            MetadataFormat.write(chk, Snapshots.rich(4));
            return chk;
        }

        @Test
        void acceptsTheMetadataFileItself() {
            Path file = checkpoint().resolve("_metadata");

            assertThat(StoragePaths.resolveMetadataFile(file.toString())).isEqualTo(file);
        }

        @Test
        void acceptsTheDirectoryThatHoldsIt() {
            Path chk = checkpoint();

            assertThat(StoragePaths.resolveMetadataFile(chk.toString())).isEqualTo(chk.resolve("_metadata"));
        }

        @Test
        void acceptsAFileUri() {
            Path chk = checkpoint();

            assertThat(StoragePaths.resolveMetadataFile(chk.toUri().toString())).isEqualTo(chk.resolve("_metadata"));
        }

        @Test
        void missingPathIsACheckpointFormatExceptionNamingIt() {
            Path missing = tmp.resolve("no-such-savepoint");

            assertThatThrownBy(() -> StoragePaths.resolveMetadataFile(missing.toString()))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining(missing.toString())
                    .hasMessageContaining("does not exist");
        }

        @Test
        void jobDirectoryPointsToItsNewestCheckpoint() throws IOException {
            Path chk = checkpoint();
            Files.createDirectories(tmp.resolve("job").resolve("chk-11")); // incomplete: no _metadata
            MetadataFormat.write(tmp.resolve("job").resolve("chk-10"), Snapshots.rich(10));

            assertThatThrownBy(() -> StoragePaths.resolveMetadataFile(chk.getParent().toString()))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining("holds no _metadata")
                    .hasMessageContaining("did you mean " + tmp.resolve("job").resolve("chk-10"));
        }

        @Test
        void otherSchemesAreRefusedToo() {
            assertThatThrownBy(() -> StoragePaths.resolveMetadataFile("s3://bucket/savepoint-1"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("'s3'");
        }
    }
}
