package io.snapsim.runtime.job;

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
        SplittableRandom random = new SplittableRandom(seed * 31 + salt.hashCode());
        while (true) {
            String id = String.format("%016x%016x", random.nextLong(), random.nextLong());
            if (checkpointsDir == null || !Files.exists(checkpointsDir.resolve(id))) {
                return id;
            }
        }
    }
}
