package io.snapsim.runtime.job;

import io.snapsim.core.job.RestoredSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Flink-style 32-hex-digit job ids, drawn from a seed so that runs are reproducible. */
public final class JobIds {
    private JobIds() {
    }

    /**
     * An id drawn from {@code seed} and {@code salt} that has no folder yet under
     * {@code checkpointsDir}, so a new job never writes into an old job's checkpoints.
     */
    public static String newJobId(long seed, String salt, Path checkpointsDir) {
        return newJobId(seed, salt, checkpointsDir, null);
    }

    /**
     * As {@link #newJobId(long, String, Path)} for a job submitted from {@code restoredFrom} (null:
     * none). Such a job is a new submission: its id is drawn with the restored job's id and
     * checkpoint id in the salt, so the same seed and snapshot give the same id, and it never equals
     * the restored job's.
     */
    public static String newJobId(long seed, String salt, Path checkpointsDir, RestoredSnapshot restoredFrom) {
        String fullSalt = restoredFrom == null ? salt
                : salt + "/resumes/" + restoredFrom.jobId() + "/" + restoredFrom.checkpointId();
        SplittableRandom random = new SplittableRandom(seed * 31 + fullSalt.hashCode());
        while (true) {
            String id = String.format("%016x%016x", random.nextLong(), random.nextLong());
            boolean taken = checkpointsDir != null && Files.exists(checkpointsDir.resolve(id));
            if (!taken && (restoredFrom == null || !id.equals(restoredFrom.jobId()))) {
                return id;
            }
        }
    }
}
