package io.snapsim.core.verdict;

import io.snapsim.core.storage.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares a run's output lines with a reference's in bounded memory. When the reference's
 * distinct lines fit the budget they are counted in memory and the run's lines streamed past them
 * (no disk). Otherwise both sides are hash-partitioned by line into spill files under the scratch
 * folder, as many partitions as should each fit half the budget, and compared partition by
 * partition; a partition that still does not fit is split again with another hash. Every
 * occurrence of a line lands in the same partition on both sides, and each partition keeps the
 * run's order and positions, so the result equals one comparison of everything in memory.
 *
 * <p>Memory: the budget for the counts, plus up to {@value #MAX_FANOUT} spill writers' buffers
 * while splitting, plus the tally's few examples and keys; none of it grows with the output. Disk:
 * about the size of both outputs in the scratch folder while splitting. Every spill file is
 * deleted when the comparison ends, also when it fails, and the scratch folder too when the
 * comparison created it. Not thread-safe; one comparison per instance.
 */
final class PartitionedComparison {
    /** Partitions per split at most: bounds the open files and their buffers. */
    static final int MAX_FANOUT = 256;
    /** At this depth a partition is loaded whatever it costs: only lines with equal 64-bit hashes get there. */
    private static final int MAX_DEPTH = 6;

    private final Path scratch;
    private final long budgetBytes;
    private final ComparisonTally tally = new ComparisonTally();
    private final Set<SpillFile> liveFiles = new LinkedHashSet<>();
    private int spillFilesWritten;
    private boolean createdScratch;

    /**
     * @param scratch     a folder for spill files, created when first needed; null when the budget is unlimited
     * @param budgetBytes what the reference counts of one partition may cost in memory
     */
    PartitionedComparison(Path scratch, long budgetBytes) {
        this.scratch = scratch;
        this.budgetBytes = budgetBytes;
    }

    /** Compares once and returns the totals; the scratch files are gone when this returns or throws. */
    ComparisonTally compare(OutputLines reference, OutputLines run) throws IOException {
        try {
            compare(reference, run, 0, "");
        } catch (IOException | RuntimeException | Error e) {
            try {
                cleanUp();
            } catch (IOException | RuntimeException cleanUpFailure) {
                e.addSuppressed(cleanUpFailure);
            }
            throw e;
        }
        cleanUp();
        return tally;
    }

    /** Spill files this comparison wrote, both sides, every depth. */
    int spillFilesWritten() {
        return spillFilesWritten;
    }

    private void compare(OutputLines reference, OutputLines run, int depth, String partition) throws IOException {
        ReferenceCounts counts = ReferenceCounts.load(reference, depth < MAX_DEPTH ? budgetBytes : Long.MAX_VALUE);
        if (counts.complete()) {
            counts.match(run, tally);
            return;
        }
        int fanout = fanout(reference.size(), counts.charactersRead());
        counts = null; // the partial counts may take the whole budget: let them go before splitting
        List<SpillFile> referenceParts = split(reference, fanout, depth, "reference" + partition, false);
        List<SpillFile> runParts = split(run, fanout, depth, "run" + partition, true);
        for (int p = 0; p < fanout; p++) {
            compare(referenceParts.get(p), runParts.get(p), depth + 1, partition + "-" + p);
            delete(referenceParts.get(p));
            delete(runParts.get(p));
        }
    }

    /** Enough partitions that each should take about half the budget, judged by how far the budget got. */
    static int fanout(long size, long charactersWithinBudget) {
        double partitions = 2.0 * size / Math.max(1, charactersWithinBudget);
        return (int) Math.min(MAX_FANOUT, Math.max(2, Math.ceil(partitions)));
    }

    private List<SpillFile> split(OutputLines lines, int fanout, int depth, String name, boolean positions)
            throws IOException {
        createScratch();
        List<SpillFile.Writer> writers = new ArrayList<>(fanout);
        try {
            for (int p = 0; p < fanout; p++) {
                SpillFile.Writer writer = SpillFile.create(scratch.resolve(name + "-" + p + ".spill"), positions);
                liveFiles.add(writer.file());
                spillFilesWritten++;
                writers.add(writer);
            }
            try (OutputLines.Cursor cursor = lines.open()) {
                while (cursor.next()) {
                    writers.get(partitionOf(cursor.line(), depth, fanout)).write(cursor.position(), cursor.line());
                }
            }
        } finally {
            closeAll(writers);
        }
        return writers.stream().map(SpillFile.Writer::file).toList();
    }

    /**
     * The line's partition at {@code depth}: a 64-bit FNV-1a hash of its characters, mixed with the
     * depth by MurmurHash3's finalizer, so that each depth splits differently and String.hashCode
     * collisions do not keep lines together.
     */
    static int partitionOf(String line, int depth, int fanout) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < line.length(); i++) {
            h = (h ^ line.charAt(i)) * 0x100000001b3L;
        }
        h += (depth + 1) * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) Long.remainderUnsigned(h, fanout);
    }

    private void createScratch() throws IOException {
        if (scratch == null) {
            throw new IllegalStateException("an unlimited comparison never spills");
        }
        if (!Files.isDirectory(scratch)) {
            Files.createDirectories(scratch);
            createdScratch = true;
        }
    }

    private static void closeAll(List<SpillFile.Writer> writers) throws IOException {
        IOException failure = null;
        for (SpillFile.Writer writer : writers) {
            try {
                writer.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void delete(SpillFile file) throws IOException {
        file.delete();
        liveFiles.remove(file);
    }

    /** Deletes what is left after a failure, and the scratch folder if this comparison made it. */
    private void cleanUp() throws IOException {
        for (SpillFile file : List.copyOf(liveFiles)) {
            delete(file);
        }
        if (createdScratch) {
            FileTrees.deleteRecursively(scratch);
        }
    }
}
