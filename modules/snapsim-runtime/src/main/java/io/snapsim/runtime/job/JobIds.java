package io.snapsim.runtime.job;

import io.snapsim.core.job.RestoredSnapshot;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Flink-style 32-hex-digit job ids, drawn from a seed so that runs are reproducible. */
public final class JobIds {
    private JobIds() {
    }

    /**
     * An id drawn from {@code seed} and {@code salt} whose folder under {@code checkpointsDir} this
     * call created, so a new job never writes into another job's checkpoints: not an old job's, and
     * not one another process drew from the same seed at the same moment (creating the folder is the
     * reservation, and only one process can create it). The same seed gives the same id unless its
     * folder is taken. With a null {@code checkpointsDir} nothing is reserved.
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
            if ((restoredFrom == null || !id.equals(restoredFrom.jobId())) && reserve(checkpointsDir, id)) {
                return id;
            }
        }
    }

    /**
     * Creates {@code checkpointsDir/id}; false when it exists already. A folder that cannot be made
     * for another reason is left to the job's storage, which reports it naming the folder.
     */
    private static boolean reserve(Path checkpointsDir, String id) {
        if (checkpointsDir == null) {
            return true;
        }
        try {
            Files.createDirectories(checkpointsDir);
            Files.createDirectory(checkpointsDir.resolve(id));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            return !Files.exists(checkpointsDir.resolve(id));
        }
    }
}
