package io.snapsim.report;

import io.snapsim.core.history.CheckpointEvents;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.HistoryJson;
import io.snapsim.core.history.JobEvents;
import io.snapsim.core.history.TaskEvents;
import io.snapsim.core.history.TaskPhase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A large history in the real format, for measuring how the report scales without running a
 * 1,000-task job: {@code sources} source tasks feed {@code sinks} tasks of chain {@code map->sink},
 * each source's output going to every sink ({@code allToAll}) or to the sink of its own number,
 * with {@code checkpoints} aligned checkpoints, each as the runtime records one (barriers per
 * channel, alignment with blocked channels and held records, snapshots, acknowledgements, sink
 * pre-commits and commits). Written line by line through {@link HistoryJson}.
 */
record SyntheticHistory(int sources, int sinks, boolean allToAll, int checkpoints) {

    /** Writes the history to {@code file}; returns the number of events. */
    long write(Path file) throws IOException {
        long[] count = {0};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HistoryJson.HEADER);
            out.newLine();
            events(e -> {
                try {
                    out.write(HistoryJson.write(e));
                    out.newLine();
                    count[0]++;
                } catch (IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
            });
        }
        return count[0];
    }

    private void events(Consumer<HistoryEvent> out) {
        out.accept(new JobEvents.Deployed(1, "master", 0, sources + sinks, null));
        for (int s = 0; s < sources; s++) {
            out.accept(new TaskEvents.Lifecycle(1, source(s), 0, TaskPhase.RUNNING, null, null, null));
        }
        for (int k = 0; k < sinks; k++) {
            out.accept(new TaskEvents.Wired(1, sink(k), 0, senders(k)));
            out.accept(new TaskEvents.Lifecycle(1, sink(k), 0, TaskPhase.RUNNING, null, null, null));
        }
        long time = 10;
        for (int c = 1; c <= checkpoints; c++) {
            time = checkpoint(c, time, out) + 5;
        }
        for (int k = 0; k < sinks; k++) {
            out.accept(new TaskEvents.Lifecycle(time, sink(k), 0, TaskPhase.FINISHED, 0L, 1000L * c(), null));
        }
        for (int s = 0; s < sources; s++) {
            out.accept(new TaskEvents.Lifecycle(time, source(s), 0, TaskPhase.FINISHED, 1000L * c(), 0L, null));
        }
        out.accept(new JobEvents.Ended(time + 1, "master", 0, "finished", null));
    }

    private long c() {
        return checkpoints;
    }

    /** One checkpoint from trigger to commit; returns the time it ended. */
    private long checkpoint(long id, long time, Consumer<HistoryEvent> out) {
        out.accept(new CheckpointEvents.Triggered(time, "coordinator", 0, id, "periodic", sources + sinks));
        for (int s = 0; s < sources; s++) {
            int outputs = allToAll ? sinks : 1;
            for (int o = 0; o < outputs; o++) {
                out.accept(new TaskEvents.BarrierSent(time + 1, source(s), 0, id, o, 100 * id));
            }
            out.accept(new TaskEvents.Snapshot(time + 1, source(s), 0, id, List.of(100 * id * outputs), Map.of("split-" + s, 100 * id)));
            out.accept(ack(time + 2, source(s), id, s));
        }
        for (int k = 0; k < sinks; k++) {
            aligned(id, time + 2, k, out);
        }
        out.accept(new CheckpointEvents.AcknowledgedByAll(time + 5, "coordinator", 0, id));
        out.accept(new CheckpointEvents.Completed(time + 5, "coordinator", 0, id, "periodic", 1000, 1000, "chk-" + id));
        for (int k = 0; k < sinks; k++) {
            out.accept(new TaskEvents.CompleteNotified(time + 6, sink(k), 0, id));
            out.accept(new TaskEvents.SinkCommitted(time + 6, sink(k), 0, id, "part-" + k + "-0-" + id));
        }
        return time + 6;
    }

    private void aligned(long id, long time, int k, Consumer<HistoryEvent> out) {
        List<TaskEvents.ChannelSender> inputs = senders(k);
        out.accept(new TaskEvents.AlignmentStarted(time, sink(k), 0, id));
        for (int i = 0; i < inputs.size(); i++) {
            out.accept(new TaskEvents.BarrierReceived(time + (i == inputs.size() - 1 ? 1 : 0), sink(k), 0, id, i, 100 * id));
            out.accept(new TaskEvents.ChannelBlocked(time, sink(k), 0, id, i));
        }
        out.accept(new TaskEvents.AlignmentCompleted(time + 1, sink(k), 0, id, 1));
        out.accept(new TaskEvents.SinkPrecommitted(time + 1, sink(k), 0, id, "part-" + k + "-0-" + id, 100L * inputs.size()));
        out.accept(new TaskEvents.Snapshot(time + 1, sink(k), 0, id, List.of(100 * id * inputs.size(), 100 * id * inputs.size()),
                Map.of()));
        for (int i = 0; i < inputs.size(); i++) {
            out.accept(new TaskEvents.ChannelUnblocked(time + 1, sink(k), 0, id, i, i == 0 ? 64 : 0));
        }
        out.accept(ack(time + 2, sink(k), id, k));
    }

    private static TaskEvents.Acknowledged ack(long time, String task, long id, int subtask) {
        return new TaskEvents.Acknowledged(time, task, 0, id, subtask, Map.of("op", 100L), 100, 0, 1, 0, 0);
    }

    private List<TaskEvents.ChannelSender> senders(int sink) {
        List<TaskEvents.ChannelSender> senders = new ArrayList<>();
        if (allToAll) {
            for (int s = 0; s < sources; s++) {
                senders.add(new TaskEvents.ChannelSender(source(s), sink));
            }
        } else {
            senders.add(new TaskEvents.ChannelSender(source(sink % sources), 0));
        }
        return senders;
    }

    private static String source(int s) {
        return "source#" + s;
    }

    private static String sink(int k) {
        return "map->sink#" + k;
    }
}
