package io.snapsim.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.storage.IncrementalStateHandle.PrivateFile;
import io.snapsim.core.storage.IncrementalStateHandle.SharedFile;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncrementalStateHandleTest {
    private static final IncrementalStateHandle HANDLE = new IncrementalStateHandle(7, new KeyGroupRange(32, 63), 128,
            "counter-1",
            List.of(new SharedFile("000009.sst", "counter-1-3-000009.sst", 1_000, 3),
                    new SharedFile("000012.sst", "counter-1-7-000012.sst", 200, 7)),
            List.of(new PrivateFile("CURRENT", 16), new PrivateFile("MANIFEST-000013", 700),
                    new PrivateFile("OPTIONS-000015", 7_000)));

    @Test
    void tellsTheCheckpointedDeltaFromTheFullSize() {
        assertThat(HANDLE.fullSize()).isEqualTo(1_000 + 200 + 16 + 700 + 7_000);
        assertThat(HANDLE.checkpointedSize()).isEqualTo(200 + 16 + 700 + 7_000);
        assertThat(HANDLE.newSharedFileKeys()).containsExactly("counter-1-7-000012.sst");
        assertThat(HANDLE.sharedFileKeys()).containsExactly("counter-1-3-000009.sst", "counter-1-7-000012.sst");
    }

    @Test
    void comesBackEqualFromItsBytes() {
        assertThat(IncrementalStateHandle.fromBytes(HANDLE.toBytes())).isEqualTo(HANDLE);
    }

    @Test
    void failsClearlyOnEveryTruncationAndOnTrailingBytes() {
        byte[] bytes = HANDLE.toBytes();
        for (int length = 0; length < bytes.length; length++) {
            byte[] prefix = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> IncrementalStateHandle.fromBytes(prefix))
                    .as("prefix of %d bytes", length)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("corrupt incremental state handle: ");
        }
        assertThatThrownBy(() -> IncrementalStateHandle.fromBytes(Arrays.copyOf(bytes, bytes.length + 2)))
                .hasMessageContaining("2 trailing bytes");
    }

    @Test
    void refusesAnotherMagicNumberOrAnUnknownVersion() {
        byte[] magic = HANDLE.toBytes();
        magic[0] = 0;
        assertThatThrownBy(() -> IncrementalStateHandle.fromBytes(magic)).hasMessageContaining("magic");
        byte[] version = HANDLE.toBytes();
        version[4] = 9;
        assertThatThrownBy(() -> IncrementalStateHandle.fromBytes(version))
                .hasMessage("corrupt incremental state handle: unknown format version 9 (this build reads version 2)");
    }

    @Test
    void refusesNamesThatAreNotPlainFileNames() {
        assertThatThrownBy(() -> new PrivateFile("../../etc/passwd", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain file name");
        assertThatThrownBy(() -> new SharedFile("1.sst", "shared/1.sst", 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAFileThatWouldLandTwiceInTheDatabaseDirectory() {
        assertThatThrownBy(() -> new IncrementalStateHandle(1, new KeyGroupRange(0, 1), 2, "op-0",
                List.of(new SharedFile("1.sst", "op-0-1-1.sst", 1, 1)), List.of(new PrivateFile("1.sst", 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.sst");
    }

    @Test
    void refusesASharedFileUploadedAfterItsCheckpoint() {
        assertThatThrownBy(() -> new IncrementalStateHandle(1, new KeyGroupRange(0, 1), 2, "op-0",
                List.of(new SharedFile("1.sst", "op-0-2-1.sst", 1, 2)), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uploaded by checkpoint 2");
    }
}
