package io.snapsim.cli;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.storage.CheckpointFormatException;
import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.MetadataFormat;
import io.snapsim.core.storage.SnapshotKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the snapshots under a directory, for {@code snapsim checkpoints list}: the directory may be
 * a checkpoints directory ({@code state.checkpoints.dir}, holding job folders), one job folder
 * (holding {@code chk-N}, {@code shared/}, {@code taskowned/}), a savepoints directory (holding
 * {@code savepoint-*} folders), a mix of these, or a single snapshot folder.
 *
 * <p>Every {@code chk-N} and {@code savepoint-*} folder found becomes one {@link Snapshot}, whether
 * it is usable or not: a folder without {@code _metadata} is {@link Status#INCOMPLETE} (a checkpoint
 * that never completed, or an orphan), one whose {@code _metadata} does not read is
 * {@link Status#UNREADABLE} with the reason. Nothing is written or deleted. Stateless.
 */
final class SnapshotScanner {

    /** What a snapshot folder holds. */
    enum Status {
        /** {@code _metadata} read and checked. */
        VALID,
        /** The folder has no {@code _metadata}: never completed, so it cannot be restored. */
        INCOMPLETE,
        /** {@code _metadata} exists but does not read: corrupt, truncated, foreign or unreadable. */
        UNREADABLE
    }

    /**
     * One snapshot folder.
     *
     * @param job       the job it belongs to: the job folder's name, else the id its metadata
     *                  names, else {@link #UNKNOWN_JOB}
     * @param directory the {@code chk-N} or {@code savepoint-*} folder
     * @param kind      from the metadata when it reads, else from the folder's name
     * @param id        the checkpoint id, from the metadata when it reads, else from {@code chk-N}
     * @param metadata  the metadata, only when {@code status} is {@link Status#VALID}
     * @param problem   why it is not valid, or a remark about a valid one; null when there is nothing to say
     */
    record Snapshot(String job, Path directory, SnapshotKind kind, OptionalLong id, Status status,
                    CheckpointMetadata metadata, String problem) {
        Snapshot {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(status, "status");
        }

        Path metadataFile() {
            return directory.resolve(MetadataFormat.METADATA_FILE_NAME);
        }
    }

    /** The job of a savepoint whose metadata does not read and whose name matches no known job. */
    static final String UNKNOWN_JOB = "(unknown job)";

    private static final Pattern CHECKPOINT_DIR = Pattern.compile("chk-(0|[1-9][0-9]{0,18})");
    private static final Pattern SAVEPOINT_DIR = Pattern.compile("savepoint-(.*)-[0-9a-fA-F]+");
    private static final Set<String> JOB_SUBDIRECTORIES = Set.of("shared", "taskowned");

    /** Orders a job's snapshots by checkpoint id (those without one last), then kind, then folder. */
    private static final Comparator<Snapshot> BY_ID = Comparator
            .comparing((Snapshot s) -> s.id().isPresent() ? s.id().getAsLong() : Long.MAX_VALUE)
            .thenComparing(Snapshot::kind)
            .thenComparing(Snapshot::directory);

    private SnapshotScanner() {
    }

    /**
     * Every snapshot under {@code dir}, grouped by job: jobs in id order ({@link #UNKNOWN_JOB}
     * last), each job's snapshots by checkpoint id. A job folder without any {@code chk-N} is
     * listed with no snapshots.
     *
     * @throws InvalidInputException if {@code dir} does not exist, is not a directory, or cannot be listed
     */
    static Map<String, List<Snapshot>> scan(Path dir) {
        if (!Files.exists(dir)) {
            throw new InvalidInputException(dir + ": no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": not a directory; to read one "
                    + MetadataFormat.METADATA_FILE_NAME + " file use 'snapsim checkpoints inspect'");
        }
        Scan scan = new Scan();
        if (isSnapshotFolder(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            scan.addSnapshot(dir, isCheckpointFolder(dir) && parent != null ? name(parent) : null);
        } else if (isJobFolder(dir)) {
            scan.addJobFolder(dir);
        } else {
            for (Path child : children(dir)) {
                if (isSavepointFolder(child)) {
                    scan.addSnapshot(child, null);
                } else if (isJobFolder(child)) {
                    scan.addJobFolder(child);
                }
            }
        }
        return scan.result();
    }

    /** The state of one {@link #scan}: the snapshots found so far, by job. */
    private static final class Scan {
        private final Map<String, List<Snapshot>> byJob = new TreeMap<>(Comparator
                .comparing((String job) -> job.equals(UNKNOWN_JOB))
                .thenComparing(Comparator.naturalOrder()));
        /** Savepoints that name no job (metadata missing or unreadable), placed once all jobs are known. */
        private final List<Snapshot> jobless = new ArrayList<>();

        void addJobFolder(Path jobDir) {
            String job = name(jobDir);
            byJob.computeIfAbsent(job, j -> new ArrayList<>());
            for (Path child : children(jobDir)) {
                if (isCheckpointFolder(child)) {
                    addSnapshot(child, job);
                } else if (isSavepointFolder(child)) {
                    addSnapshot(child, null);
                }
            }
        }

        /**
         * Reads one snapshot folder. {@code job} is the job folder's name for checkpoints; null
         * for savepoints, which take their job from the metadata.
         */
        void addSnapshot(Path dir, String job) {
            SnapshotKind folderKind = isSavepointFolder(dir) ? SnapshotKind.SAVEPOINT : SnapshotKind.CHECKPOINT;
            OptionalLong folderId = checkpointIdOf(dir);
            Path metadataFile = dir.resolve(MetadataFormat.METADATA_FILE_NAME);
            if (!Files.exists(metadataFile, LinkOption.NOFOLLOW_LINKS)) {
                add(new Snapshot(orUnknown(job), dir, folderKind, folderId, Status.INCOMPLETE, null,
                        "incomplete (no " + MetadataFormat.METADATA_FILE_NAME + ")"));
                return;
            }
            CheckpointMetadata md;
            try {
                md = MetadataFormat.read(metadataFile);
            } catch (CheckpointFormatException e) {
                add(new Snapshot(orUnknown(job), dir, folderKind, folderId, Status.UNREADABLE, null, problemOf(e)));
                return;
            }
            String remark = null;
            if (job != null && !job.equals(md.jobId())) {
                remark = "metadata names job " + md.jobId();
            } else if (folderId.isPresent() && folderId.getAsLong() != md.checkpointId()) {
                remark = "metadata names checkpoint " + md.checkpointId();
            }
            add(new Snapshot(job != null ? job : orUnknown(md.jobId()), dir, md.kind(),
                    OptionalLong.of(md.checkpointId()), Status.VALID, md, remark));
        }

        private void add(Snapshot s) {
            if (s.job().equals(UNKNOWN_JOB) && s.kind() == SnapshotKind.SAVEPOINT) {
                jobless.add(s);
            } else {
                byJob.computeIfAbsent(s.job(), j -> new ArrayList<>()).add(s);
            }
        }

        Map<String, List<Snapshot>> result() {
            Set<String> knownJobs = new TreeSet<>(byJob.keySet());
            for (Snapshot s : jobless) {
                String job = jobOfSavepointName(s.directory(), knownJobs);
                Snapshot placed = new Snapshot(job, s.directory(), s.kind(), s.id(), s.status(), s.metadata(), s.problem());
                byJob.computeIfAbsent(job, j -> new ArrayList<>()).add(placed);
            }
            byJob.values().forEach(list -> list.sort(BY_ID));
            return byJob;
        }
    }

    /**
     * The job a savepoint folder belongs to by its name, {@code savepoint-<first 6 chars of the
     * job id>-<random>}: the one known job with that prefix, else {@link #UNKNOWN_JOB}.
     */
    private static String jobOfSavepointName(Path dir, Set<String> knownJobs) {
        Matcher m = SAVEPOINT_DIR.matcher(name(dir));
        if (!m.matches() || m.group(1).isEmpty()) {
            return UNKNOWN_JOB;
        }
        List<String> candidates = knownJobs.stream()
                .filter(j -> !j.equals(UNKNOWN_JOB) && j.startsWith(m.group(1)))
                .toList();
        return candidates.size() == 1 ? candidates.get(0) : UNKNOWN_JOB;
    }

    /** The reason without the file name in front, which the listing shows in its own column. */
    private static String problemOf(CheckpointFormatException e) {
        String message = String.valueOf(e.getMessage());
        String prefix = e.file() + ": ";
        return "unreadable: " + (message.startsWith(prefix) ? message.substring(prefix.length()) : message);
    }

    private static boolean isSnapshotFolder(Path dir) {
        return isCheckpointFolder(dir) || isSavepointFolder(dir)
                || Files.exists(dir.resolve(MetadataFormat.METADATA_FILE_NAME), LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean isCheckpointFolder(Path dir) {
        return checkpointIdOf(dir).isPresent() && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean isSavepointFolder(Path dir) {
        Path fileName = dir.getFileName();
        return fileName != null && fileName.toString().startsWith("savepoint-")
                && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
    }

    /** A folder holding at least one {@code chk-N}, {@code shared/} or {@code taskowned/}. */
    private static boolean isJobFolder(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        for (Path child : children(dir)) {
            if (isCheckpointFolder(child)
                    || (JOB_SUBDIRECTORIES.contains(name(child)) && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS))) {
                return true;
            }
        }
        return false;
    }

    private static OptionalLong checkpointIdOf(Path dir) {
        Path fileName = dir.getFileName();
        if (fileName == null) {
            return OptionalLong.empty();
        }
        Matcher m = CHECKPOINT_DIR.matcher(fileName.toString());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list the directory: " + e.getMessage(), e);
        }
    }

    private static String name(Path path) {
        Path fileName = path.getFileName();
        return fileName == null ? path.toString() : fileName.toString();
    }

    private static String orUnknown(String job) {
        return job == null || job.isBlank() ? UNKNOWN_JOB : job;
    }
}
