package io.snapsim.cli;

import io.snapsim.cli.SnapshotScanner.Snapshot;
import io.snapsim.cli.SnapshotScanner.Status;
import io.snapsim.core.storage.CheckpointMetadata;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code snapsim checkpoints list DIR}: one table per job of the checkpoints and savepoints under a
 * directory, valid or not. Exits 0 whenever the directory could be listed, also when some
 * snapshots in it are incomplete or corrupt (those are the answer, not an error); 2 when the
 * directory does not exist.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists the checkpoints and savepoints under a directory: a checkpoints directory"
                + " (state.checkpoints.dir), one job's folder, or a savepoints directory.",
                "chk-N folders without _metadata are shown as incomplete, corrupt _metadata with the reason."})
final class ListCheckpointsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "the directory, as a plain path or a file:// URI")
    String directory;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    CheckpointsCommand parent;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = parent.resolve("checkpoints list DIR", directory);
        Map<String, List<Snapshot>> byJob = SnapshotScanner.scan(dir);
        if (byJob.isEmpty()) {
            out.println("no checkpoints or savepoints under " + dir);
            out.flush();
            return 0;
        }
        int valid = 0;
        int total = 0;
        boolean first = true;
        for (Map.Entry<String, List<Snapshot>> job : byJob.entrySet()) {
            if (!first) {
                out.println();
            }
            first = false;
            out.println("job " + job.getKey());
            if (job.getValue().isEmpty()) {
                out.println("  (no checkpoints)");
                continue;
            }
            Display.Table table = new Display.Table(
                    "id", "kind", "completed", "checkpointed", "full size", "self-contained", "retention", "path",
                    "status");
            for (Snapshot s : job.getValue()) {
                table.add(row(s));
                total++;
                valid += s.status() == Status.VALID ? 1 : 0;
            }
            out.print(table.render("  "));
        }
        out.println();
        out.printf("%d snapshot(s) in %d job(s): %d valid, %d incomplete or unreadable%n",
                total, byJob.size(), valid, total - valid);
        out.flush();
        return 0;
    }

    private static String[] row(Snapshot s) {
        String id = s.id().isPresent() ? Long.toString(s.id().getAsLong()) : "-";
        String kind = s.kind().name().toLowerCase(Locale.ROOT);
        CheckpointMetadata md = s.metadata();
        if (md == null) {
            Path path = s.status() == Status.INCOMPLETE ? s.directory() : s.metadataFile();
            return new String[] {id, kind, "-", "-", "-", "-", "-", path.toString(), s.problem()};
        }
        String status = s.problem() == null ? "ok" : "ok; " + s.problem();
        return new String[] {id, kind, Display.time(md.completionTimestamp()), Display.bytes(md.checkpointedSize()),
                Display.bytes(md.stateSize()), md.isSelfContained() ? "yes" : "no", Display.orDash(md.retention()), s.metadataFile().toString(), status};
    }
}
