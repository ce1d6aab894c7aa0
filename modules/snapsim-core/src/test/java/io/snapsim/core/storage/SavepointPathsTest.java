package io.snapsim.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SavepointPathsTest {

    private static final Path SAVEPOINTS = Path.of("/savepoints");

    @Test
    void nameFollowsFlinksPattern() {
        Path dir = SavepointPaths.newSavepointDirectory(SAVEPOINTS, Snapshots.JOB_ID, new SplittableRandom(1));

        assertThat(dir.getParent()).isEqualTo(SAVEPOINTS);
        assertThat(dir.getFileName().toString())
                .matches("savepoint-[0-9a-z]{6}-[0-9a-f]{12}")
                .startsWith("savepoint-a1b2c3-");
    }

    @Test
    void sameSeedGivesTheSameDirectory() {
        Path first = SavepointPaths.newSavepointDirectory(SAVEPOINTS, Snapshots.JOB_ID, new SplittableRandom(42));
        Path second = SavepointPaths.newSavepointDirectory(SAVEPOINTS, Snapshots.JOB_ID, new SplittableRandom(42));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void differentSeedsGiveDifferentDirectories() {
        Path first = SavepointPaths.newSavepointDirectory(SAVEPOINTS, Snapshots.JOB_ID, new SplittableRandom(1));
        Path second = SavepointPaths.newSavepointDirectory(SAVEPOINTS, Snapshots.JOB_ID, new SplittableRandom(2));

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void existingDirectoryOfAnEarlierRunIsNotReused(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path earlier = SavepointPaths.newSavepointDirectory(tmp, Snapshots.JOB_ID, new SplittableRandom(7));
        Files.createDirectories(earlier);

        Path next = SavepointPaths.newSavepointDirectory(tmp, Snapshots.JOB_ID, new SplittableRandom(7));

        assertThat(next).isNotEqualTo(earlier).doesNotExist();
        assertThat(next.getFileName().toString()).matches("savepoint-a1b2c3-[0-9a-f]{12}");
    }

    @Test
    void shortOrOddJobIdsStillGiveAValidName() {
        assertThat(SavepointPaths.newSavepointDirectory(SAVEPOINTS, "j/1", new SplittableRandom(3)).getFileName().toString())
                .matches("savepoint-j_1-[0-9a-f]{12}");
    }
}
