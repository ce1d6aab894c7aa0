package io.snapsim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.IncrementalStateHandle;
import io.snapsim.core.storage.MetadataFormat;
import io.snapsim.core.storage.OperatorStateSnapshot;
import io.snapsim.core.storage.SnapshotTree;
import io.snapsim.core.storage.StateHandle;
import io.snapsim.core.storage.StoragePaths;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code snapsim checkpoints inspect PATH}: prints one {@code _metadata} file readably, or as JSON
 * with {@code --json}. A missing, corrupt or foreign file is one line on stderr and exit code 2, and
 * so is one that names a state file outside its snapshot tree. State files the metadata points to
 * are looked up (to say whether they are still there) but not read; a RocksDB file that leads
 * outside the tree through a link is shown as refused and not looked at further.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Prints a checkpoint's or savepoint's _metadata: ids, times, retention, and per operator"
                + " and subtask the key groups, state handles and source positions.")
final class InspectCheckpointCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PATH",
            description = "the _metadata file or the chk-N / savepoint directory holding it; plain path or file:// URI")
    String path;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    CheckpointsCommand parent;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path metadataFile = StoragePaths.resolveMetadataFile(parent.resolve("checkpoints inspect PATH", path).toString());
        CheckpointMetadata md = MetadataFormat.read(metadataFile);
        out.print(json ? toJson(metadataFile, md) : toText(metadataFile, md));
        out.flush();
        return 0;
    }

    // ------------------------------------------------------------------ text

    static String toText(Path metadataFile, CheckpointMetadata md) {
        SnapshotTree tree = SnapshotTree.of(metadataFile, md.kind());
        StringBuilder out = new StringBuilder();
        line(out, "", "metadata", metadataFile.toString());
        line(out, "", "job id", Display.orDash(md.jobId()));
        line(out, "", "checkpoint id", Long.toString(md.checkpointId()));
        line(out, "", "kind", kind(md));
        line(out, "", "triggered", Display.timeAndMillis(md.triggerTimestamp()));
        line(out, "", "completed", Display.timeAndMillis(md.completionTimestamp()) + ", "
                + (md.completionTimestamp() - md.triggerTimestamp()) + " ms after the trigger");
        line(out, "", "retention", Display.orDash(md.retention()));
        line(out, "", "self-contained", md.isSelfContained()
                ? "yes (state inline or relative to the metadata; the folder can be moved)"
                : md.nativeKeyedFormat().isPresent()
                ? "no (RocksDB state: files in this folder and the job's shared/ folder next to it; move neither)"
                : "no (refers to state files by absolute path; they must be reachable to restore)");
        line(out, "", "total size", Display.bytes(md.stateSize()) + " (" + md.stateSize() + " bytes)");
        if (md.checkpointedSize() != md.stateSize()) {
            line(out, "", "checkpointed", Display.bytes(md.checkpointedSize()) + " (" + md.checkpointedSize()
                    + " bytes written by this checkpoint; the rest reuses files of earlier ones)");
        }
        line(out, "", "operators", Integer.toString(md.operators().size()));
        for (OperatorStateSnapshot op : md.operators()) {
            out.append(System.lineSeparator());
            out.append("operator ").append(Display.orDash(op.operatorId()))
                    .append(" (").append(Display.orDash(op.operatorName())).append("): parallelism ")
                    .append(op.parallelism()).append(", max parallelism ").append(op.maxParallelism())
                    .append(", state ").append(Display.bytes(op.stateSize())).append(System.lineSeparator());
            for (SubtaskStateSnapshot st : op.subtasks()) {
                out.append("  subtask ").append(st.subtaskIndex()).append(System.lineSeparator());
                line(out, "    ", "key groups", keyGroups(st.keyGroups()));
                line(out, "    ", "keyed state", handleText(tree, st.keyedState()));
                line(out, "    ", "operator state", handleText(tree, st.operatorState()));
                line(out, "    ", "source positions", positions(st.sourcePositions()));
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String indent, String label, String value) {
        out.append(indent).append(String.format("%-17s %s", label + ":", value)).append(System.lineSeparator());
    }

    private static String keyGroups(KeyGroupRange range) {
        if (range.isEmpty()) {
            return "none (not keyed)";
        }
        return range.start() + ".." + range.end() + " (" + range.size() + " key group" + (range.size() == 1 ? "" : "s") + ")";
    }

    private static String handleText(SnapshotTree tree, StateHandle handle) {
        if (handle == null) {
            return "none";
        }
        if (handle instanceof StateHandle.Inline inline) {
            return "inline " + inline.size() + " bytes";
        }
        if (handle instanceof StateHandle.Native nativeHandle) {
            return nativeText(tree, nativeHandle);
        }
        StateHandle.File file = (StateHandle.File) handle;
        Path resolved = resolve(tree.metadataFile(), file);
        StringBuilder text = new StringBuilder("file ").append(file.path());
        if (file.relative()) {
            text.append(" (relative: ").append(resolved == null ? "?" : resolved).append(')');
        }
        text.append(", ").append(Display.bytes(file.size()));
        if (file.size() >= 1024) {
            text.append(" (").append(file.size()).append(" bytes)");
        }
        text.append(", crc32 ").append(Display.crc32(file.crc32()));
        text.append(resolved == null ? ", MISSING" : fileStatus(tree, resolved));
        return text.toString();
    }

    /** A RocksDB checkpoint: its sizes, then one line per file (shared ones under the job's shared/ folder). */
    private static String nativeText(SnapshotTree tree, StateHandle.Native handle) {
        IncrementalStateHandle h;
        try {
            h = IncrementalStateHandle.fromStateHandle(handle);
        } catch (IllegalArgumentException e) {
            return handle.format() + " (unreadable: " + e.getMessage() + ")";
        }
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder("RocksDB ").append(h.sharedFiles().isEmpty() ? "full" : "incremental")
                .append(" checkpoint, checkpointed ").append(Display.bytes(h.checkpointedSize())).append(" of ")
                .append(Display.bytes(h.fullSize())).append(", ").append(h.sharedFiles().size()).append(" shared and ")
                .append(h.privateFiles().size()).append(" private files");
        for (IncrementalStateHandle.SharedFile f : h.sharedFiles()) {
            text.append(nl).append(String.format("      %-40s %10s  %s%s", "shared/" + f.sharedKey(),
                    Display.bytes(f.size()), f.uploadedBy() == h.checkpointId() ? "uploaded by this checkpoint"
                            : "reused from checkpoint " + f.uploadedBy(),
                    fileStatus(tree, tree.sharedFolder().resolve(f.sharedKey()))));
        }
        for (IncrementalStateHandle.PrivateFile f : h.privateFiles()) {
            text.append(nl).append(String.format("      %-40s %10s  %s%s", h.privateDirectory() + "/" + f.name(),
                    Display.bytes(f.size()), "private",
                    fileStatus(tree, tree.folder().resolve(h.privateDirectory()).resolve(f.name()))));
        }
        return text.toString();
    }

    private static String positions(Map<String, Long> positions) {
        if (positions.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        positions.forEach((split, offset) -> parts.add(split + "=" + offset));
        return String.join(", ", parts);
    }

    // ------------------------------------------------------------------ JSON

    static String toJson(Path metadataFile, CheckpointMetadata md) {
        SnapshotTree tree = SnapshotTree.of(metadataFile, md.kind());
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("metadataFile", metadataFile.toString());
        root.put("jobId", md.jobId());
        root.put("checkpointId", md.checkpointId());
        root.put("kind", kind(md));
        root.put("triggerTimestamp", md.triggerTimestamp());
        root.put("triggerTime", Display.time(md.triggerTimestamp()));
        root.put("completionTimestamp", md.completionTimestamp());
        root.put("completionTime", Display.time(md.completionTimestamp()));
        root.put("retention", md.retention());
        root.put("selfContained", md.isSelfContained());
        root.put("stateSize", md.stateSize());
        root.put("checkpointedSize", md.checkpointedSize());
        var operators = root.putArray("operators");
        for (OperatorStateSnapshot op : md.operators()) {
            ObjectNode o = operators.addObject();
            o.put("uid", op.operatorId());
            o.put("name", op.operatorName());
            o.put("parallelism", op.parallelism());
            o.put("maxParallelism", op.maxParallelism());
            o.put("stateSize", op.stateSize());
            var subtasks = o.putArray("subtasks");
            for (SubtaskStateSnapshot st : op.subtasks()) {
                ObjectNode s = subtasks.addObject();
                s.put("index", st.subtaskIndex());
                if (st.keyGroups().isEmpty()) {
                    s.putNull("keyGroups");
                } else {
                    s.putObject("keyGroups").put("start", st.keyGroups().start()).put("end", st.keyGroups().end());
                }
                s.set("keyedState", handleJson(f, tree, st.keyedState()));
                s.set("operatorState", handleJson(f, tree, st.operatorState()));
                ObjectNode positions = s.putObject("sourcePositions");
                st.sourcePositions().forEach(positions::put);
            }
        }
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root)
                    + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot happen: writing a tree to a string", e);
        }
    }

    private static JsonNode handleJson(JsonNodeFactory f, SnapshotTree tree, StateHandle handle) {
        if (handle == null) {
            return f.nullNode();
        }
        ObjectNode node = f.objectNode();
        if (handle instanceof StateHandle.Inline inline) {
            node.put("type", "inline");
            node.put("size", inline.size());
            return node;
        }
        if (handle instanceof StateHandle.Native nativeHandle) {
            return nativeJson(node, tree, nativeHandle);
        }
        StateHandle.File file = (StateHandle.File) handle;
        Path resolved = resolve(tree.metadataFile(), file);
        node.put("type", "file");
        node.put("path", file.path());
        node.put("relative", file.relative());
        node.put("resolvedPath", resolved == null ? null : resolved.toString());
        node.put("size", file.size());
        node.put("crc32", Display.crc32(file.crc32()));
        putExists(node, tree, resolved);
        return node;
    }

    private static JsonNode nativeJson(ObjectNode node, SnapshotTree tree, StateHandle.Native handle) {
        node.put("type", "native");
        node.put("format", handle.format());
        node.put("checkpointedSize", handle.checkpointedSize());
        node.put("size", handle.fullSize());
        IncrementalStateHandle h;
        try {
            h = IncrementalStateHandle.fromStateHandle(handle);
        } catch (IllegalArgumentException e) {
            node.put("error", e.getMessage());
            return node;
        }
        node.put("incremental", !h.sharedFiles().isEmpty());
        var sharedFiles = node.putArray("sharedFiles");
        for (IncrementalStateHandle.SharedFile f : h.sharedFiles()) {
            Path file = tree.sharedFolder().resolve(f.sharedKey());
            putExists(sharedFiles.addObject().put("path", file.toString()).put("sstName", f.sstName())
                    .put("size", f.size()).put("uploadedBy", f.uploadedBy()), tree, file);
        }
        var privateFiles = node.putArray("privateFiles");
        for (IncrementalStateHandle.PrivateFile f : h.privateFiles()) {
            Path file = tree.folder().resolve(h.privateDirectory()).resolve(f.name());
            putExists(privateFiles.addObject().put("path", file.toString()).put("size", f.size()), tree, file);
        }
        return node;
    }

    // ------------------------------------------------------------------ shared

    private static String kind(CheckpointMetadata md) {
        return md.kind().name().toLowerCase(Locale.ROOT);
    }

    /** ", MISSING", ", REFUSED: why" for a file outside the tree (not looked at further), or "" when it is there. */
    private static String fileStatus(SnapshotTree tree, Path file) {
        String refusal = tree.refusal(file);
        if (refusal != null) {
            return ", REFUSED: " + refusal;
        }
        return Files.isRegularFile(file) ? "" : ", MISSING";
    }

    /** {@code "exists"}, and {@code "refused"} with the reason for a file outside the tree (then never looked at). */
    private static void putExists(ObjectNode node, SnapshotTree tree, Path file) {
        String refusal = file == null ? null : tree.refusal(file);
        if (refusal != null) {
            node.put("refused", refusal);
        }
        node.put("exists", file != null && refusal == null && Files.isRegularFile(file));
    }

    /** Where a file handle points: relative ones against the metadata's directory; null if not a valid path. */
    private static Path resolve(Path metadataFile, StateHandle.File file) {
        try {
            return file.relative() ? metadataFile.getParent().resolve(file.path()).normalize() : Path.of(file.path());
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
