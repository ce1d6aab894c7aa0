package io.snapsim.runtime.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.StreamExecutionEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code env.execute()} refuses an unusable checkpoint folder before the job starts, as the command line does. */
class LocalJobExecutorTest {

    @TempDir
    Path dir;

    @Test
    void aCheckpointFolderThatIsAFileIsRefusedBeforeTheJobStarts() throws Exception {
        Path aFile = Files.writeString(dir.resolve("a-file"), "not a folder");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(10);
        env.getCheckpointConfig().setCheckpointStorage(aFile.toString());
        env.fromSequence(0, 99).sinkTo(FileSinks.transactional(dir.resolve("output")));

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(() -> env.execute("unusable"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("execution.checkpointing.dir: " + aFile + " is a file, not a folder"));
        assertThat(dir.resolve("output")).doesNotExist();
    }
}
