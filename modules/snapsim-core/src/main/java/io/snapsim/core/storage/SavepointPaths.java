package io.snapsim.core.storage;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Names savepoint directories as Flink does: {@code savepoint-{first 6 chars of job id}-{12 hex}}
 * under the savepoint directory, so a Flink user recognises them.
 *
 * <p>The random part comes from the caller's generator, so a seeded run names its savepoints the
 * same way every time. Stateless; thread-safety is that of the generator passed in.
 */
public final class SavepointPaths {

    private static final int JOB_ID_PREFIX_LENGTH = 6;
    private static final long RANDOM_MASK = (1L << 48) - 1; // 12 hex digits
    private static final int MAX_ATTEMPTS = 1_000;

    private SavepointPaths() {
    }

    /**
     * Picks a new savepoint directory; does not create it. If the drawn name already exists (a
     * rerun with the same seed into the same directory) another is drawn, so an earlier savepoint
     * is never reused; the result still depends only on the seed and what is on disk.
     *
     * @throws IllegalStateException if no free name is found after many draws (a broken generator)
     */
    public static Path newSavepointDirectory(Path savepointsDir, String jobId, RandomGenerator random) {
        Objects.requireNonNull(savepointsDir, "savepointsDir");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(random, "random");
        String prefix = "savepoint-" + jobIdPrefix(jobId) + "-";
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Path candidate = savepointsDir.resolve(prefix + String.format("%012x", random.nextLong() & RANDOM_MASK));
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free savepoint directory name under " + savepointsDir
                + " after " + MAX_ATTEMPTS + " attempts");
    }

    /** The first six characters of the job id, with anything unsafe in a file name replaced by '_'. */
    private static String jobIdPrefix(String jobId) {
        String head = jobId.length() > JOB_ID_PREFIX_LENGTH ? jobId.substring(0, JOB_ID_PREFIX_LENGTH) : jobId;
        StringBuilder safe = new StringBuilder(head.length());
        for (char c : head.toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            safe.append(ok ? c : '_');
        }
        return safe.toString();
    }
}
