package io.snapsim.core.sink;

import io.snapsim.core.history.TaskEvents;
import io.snapsim.core.operators.OperatorContext;
import io.snapsim.core.operators.StreamOperator;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A two-phase-commit file sink. Records go to an open transaction file
 * ({@code .part-S-A-N.inprogress}); a checkpoint's snapshot pre-commits it (renamed to
 * {@code .part-S-A-N.pending}) and remembers it under the checkpoint id in operator state; the
 * checkpoint's completion notice commits every pending transaction up to that id (renamed to
 * {@code part-S-A-N.txt}). On restore, the pending transactions of the restored checkpoint are
 * committed (idempotently) and every other uncommitted file of this subtask is aborted (deleted).
 * So committed files only ever hold data of completed checkpoints. Closing removes the open
 * transaction; only pending files a restore may still commit outlive the task. Every pre-commit,
 * commit and abort of a transaction that held records is recorded in the run's history through
 * {@link OperatorContext#events()}. Confined to the owning task.
 */
public final class TransactionalFileSinkOperator implements StreamOperator {
    /** Suffix of committed files; readers of the output read only these. */
    public static final String COMMITTED_SUFFIX = ".txt";
    private static final String PENDING_SUFFIX = ".pending";
    private static final String IN_PROGRESS_SUFFIX = ".inprogress";
    /** Opens this sink's operator state: pending transactions only (its folder is its external location). */
    private static final int STATE_MAGIC = 0x534E4B33; // "SNK3"

    private final Path directory;
    /** DELIBERATELY BROKEN mode: commit at pre-commit instead of on checkpoint completion. */
    private final boolean commitOnPreCommit;
    /** Pre-committed transactions by the checkpoint that pre-committed them. */
    private final TreeMap<Long, String> pending = new TreeMap<>();
    /** Where the restored snapshot's transactions were written, or null without a restore. */
    private Path restoredDirectory;
    private OperatorContext context;
    private String openTransaction;
    private BufferedWriter writer;
    private long recordsInTransaction;
    private int sequence;
    private long committedRecords;

    public TransactionalFileSinkOperator(Path directory) {
        this(directory, false);
    }

    /**
     * @param commitOnPreCommit true only to demonstrate (and test the detection of) a broken sink:
     *                          it commits at pre-commit, before its checkpoint is known to complete
     */
    public TransactionalFileSinkOperator(Path directory, boolean commitOnPreCommit) {
        this.directory = directory;
        this.commitOnPreCommit = commitOnPreCommit;
    }

    @Override
    public void setup(OperatorContext context) {
        this.context = context;
    }

    /** This sink's folder: where its transactions live, recorded next to its state in each checkpoint. */
    @Override
    public Path externalLocation() {
        return directory.toAbsolutePath();
    }

    @Override
    public void restoreExternalLocation(Path location) {
        restoredDirectory = location;
    }

    /**
     * The pending transactions by checkpoint. State written before the folder moved into the
     * checkpoint's metadata (without {@link #STATE_MAGIC}) starts with the folder itself.
     */
    @Override
    public void restoreOperatorState(byte[] state) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            in.mark(Integer.BYTES);
            if (state.length < Integer.BYTES || in.readInt() != STATE_MAGIC) {
                in.reset();
                restoredDirectory = Path.of(in.readUTF());
            }
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                pending.put(in.readLong(), in.readUTF());
            }
        }
    }

    @Override
    public void open() throws IOException {
        Files.createDirectories(directory);
        // Recover: the restored checkpoint completed, so its pre-committed transactions must be
        // committed where they were written (a job resumed with -s may write elsewhere now).
        Path recoverIn = restoredDirectory != null ? restoredDirectory : directory;
        for (Map.Entry<Long, String> txn : pending.entrySet()) {
            commitAndRecord(recoverIn, txn.getKey(), txn.getValue());
        }
        pending.clear();
        abortLeftovers(recoverIn);
        if (!recoverIn.equals(directory)) {
            abortLeftovers(directory);
        }
        beginTransaction();
    }

    @Override
    public void processElement(int input, Object record) throws IOException {
        writer.write(String.valueOf(record));
        writer.write('\n');
        recordsInTransaction++;
    }

    @Override
    public byte[] snapshotOperatorState(long checkpointId) throws IOException {
        preCommitOpenTransaction(checkpointId);
        if (commitOnPreCommit) {
            notifyCheckpointComplete(checkpointId); // the bug: visible before the checkpoint completes
        }
        beginTransaction();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(STATE_MAGIC);
            out.writeInt(pending.size());
            for (Map.Entry<Long, String> e : pending.entrySet()) {
                out.writeLong(e.getKey());
                out.writeUTF(e.getValue());
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws IOException {
        Map<Long, String> done = pending.headMap(checkpointId, true);
        for (Map.Entry<Long, String> txn : done.entrySet()) {
            commitAndRecord(directory, txn.getKey(), txn.getValue());
        }
        done.clear();
    }

    @Override
    public void endInput(boolean checkpointingEnabled) throws IOException {
        if (!checkpointingEnabled) {
            // No checkpoint will come to commit the tail: commit at end of input, as Flink does.
            String txn = openTransaction;
            closeWriter();
            if (recordsInTransaction > 0) {
                Files.move(file(txn, IN_PROGRESS_SUFFIX), file(txn, PENDING_SUFFIX));
                commitAndRecord(directory, null, txn);
            } else {
                Files.deleteIfExists(file(txn, IN_PROGRESS_SUFFIX));
            }
            openTransaction = null;
        }
    }

    /**
     * Discards the open transaction (its records belong to no checkpoint, so no restore commits
     * them) and keeps the pending ones: a pending transaction belongs to a checkpoint that may
     * complete after this task stopped and is then committed by the restore, as in Flink's FileSink.
     * A sink closed after its final checkpoint completed thus leaves committed files only.
     */
    @Override
    public void close() throws IOException {
        closeWriter();
        if (openTransaction != null) {
            String txn = openTransaction;
            openTransaction = null;
            if (Files.deleteIfExists(file(txn, IN_PROGRESS_SUFFIX)) && recordsInTransaction > 0) {
                recordAborted(txn);
            }
        }
    }

    /** Records this subtask committed since it was opened. */
    public long committedRecords() {
        return committedRecords;
    }

    private void beginTransaction() throws IOException {
        // A job resumed from a retained checkpoint counts attempts from 0 again in the same directory:
        // skip names an earlier job already used, so that a commit never replaces committed output.
        do {
            openTransaction = "part-" + context.subtaskIndex() + "-" + context.attempt() + "-" + (sequence++);
        } while (Files.exists(directory.resolve(openTransaction + COMMITTED_SUFFIX))
                || Files.exists(file(openTransaction, PENDING_SUFFIX))
                || Files.exists(file(openTransaction, IN_PROGRESS_SUFFIX)));
        writer = Files.newBufferedWriter(file(openTransaction, IN_PROGRESS_SUFFIX), StandardCharsets.UTF_8);
        recordsInTransaction = 0;
    }

    private void preCommitOpenTransaction(long checkpointId) throws IOException {
        String txn = openTransaction;
        closeWriter();
        if (recordsInTransaction == 0) {
            Files.deleteIfExists(file(txn, IN_PROGRESS_SUFFIX));
            return;
        }
        Files.move(file(txn, IN_PROGRESS_SUFFIX), file(txn, PENDING_SUFFIX));
        pending.put(checkpointId, txn);
        long records = recordsInTransaction;
        context.events().record(s -> new TaskEvents.SinkPrecommitted(s.time(), s.actor(), s.attempt(), checkpointId,
                txn, records));
    }

    /**
     * Commits {@code txn} of checkpoint {@code checkpointId} (null: none) and records it. A commit
     * repeated after a restore is recorded too, whether or not an earlier attempt (or an earlier
     * resume of the same snapshot) already made the file visible: the history records the
     * protocol's step, so that it does not depend on what other runs did to the output folder.
     */
    private void commitAndRecord(Path in, Long checkpointId, String txn) throws IOException {
        commit(in, txn);
        context.events().record(s -> new TaskEvents.SinkCommitted(s.time(), s.actor(), s.attempt(), checkpointId, txn));
    }

    private void recordAborted(String txn) {
        context.events().record(s -> new TaskEvents.SinkAborted(s.time(), s.actor(), s.attempt(), txn));
    }

    /** Makes {@code txn} visible, unless it already is (a repeated commit after a restore). */
    private void commit(Path in, String txn) throws IOException {
        Path pendingFile = in.resolve("." + txn + PENDING_SUFFIX);
        Path committed = in.resolve(txn + COMMITTED_SUFFIX);
        if (Files.exists(pendingFile)) {
            try {
                Files.move(pendingFile, committed, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(pendingFile, committed);
            }
            committedRecords += countLines(committed);
            return;
        }
        if (!Files.exists(committed)) {
            throw new IllegalStateException("cannot commit transaction " + txn + " in " + in
                    + ": neither its pending file nor its committed file exists");
        }
    }

    private void abortLeftovers(Path in) throws IOException {
        if (!Files.isDirectory(in)) {
            return;
        }
        String prefix = ".part-" + context.subtaskIndex() + "-";
        List<String> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(in, prefix + "*")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(PENDING_SUFFIX) || name.endsWith(IN_PROGRESS_SUFFIX)) {
                    leftovers.add(name);
                }
            }
        }
        leftovers.sort(null); // the listing's order is the file system's: the history's must not be
        for (String name : leftovers) {
            Files.delete(in.resolve(name));
            recordAborted(name.substring(1, name.lastIndexOf('.')));
        }
    }

    private void closeWriter() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    private Path file(String txn, String suffix) {
        return directory.resolve("." + txn + suffix);
    }

    private static long countLines(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        }
    }
}
