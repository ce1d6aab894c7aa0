package io.snapsim.runtime.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.run.RunJudge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulation whose committed output is many times what the heap could hold as lines still gets
 * its verdict: run in a JVM of its own with a 64 MiB heap, where 600,000 lines of reference and as
 * many of the run, held as Strings in lists and a hash map, would take well over 100 MiB.
 */
class LargeOutputVerdictTest {
    @TempDir
    Path temp;

    @Test
    void aRunWhoseOutputOutgrowsTheHeapIsJudgedAndSummarized() throws Exception {
        Path log = temp.resolve("run.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), SmallHeapRun.class.getName(),
                temp.resolve("reports").toString(), "600000")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("ended within 3 minutes").isTrue();
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();
        Path runDir = temp.resolve("reports").resolve("small-heap").resolve("run");
        assertThat(Files.readString(runDir.resolve("summary.json"))).contains("\"outcome\" : \"VALID\"")
                .contains("\"referenceRecords\" : 600000");
        assertThat(runDir.resolve(RunJudge.VERDICT_SCRATCH)).doesNotExist();
    }
}
