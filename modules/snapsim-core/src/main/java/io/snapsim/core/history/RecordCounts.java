package io.snapsim.core.history;

import java.util.List;
import java.util.Set;

/**
 * How many records a run's sources read and its sinks wrote, over all its execution attempts
 * (replays after a restore included) and in its final attempt, drawn from the terminal
 * {@link TaskEvents.Lifecycle} events of its history.
 *
 * @param sourceRecords      records read by the sources, all attempts together
 * @param sinkRecords        records written by the sinks (committed or not), all attempts together
 * @param attempts           how many attempts ran tasks
 * @param finalSourceRecords records the sources read in the last attempt
 * @param finalSinkRecords   records the sinks wrote in the last attempt
 */
public record RecordCounts(long sourceRecords, long sinkRecords, int attempts, long finalSourceRecords,
                           long finalSinkRecords) {

    /** The event types the counts are drawn from. */
    public static final Set<Class<? extends HistoryEvent>> EVENT_TYPES = Set.of(TaskEvents.Lifecycle.class);

    /** The counts of the terminal task life-cycle events among {@code history}. */
    public static RecordCounts of(List<HistoryEvent> history) {
        List<TaskEvents.Lifecycle> ended = history.stream().filter(TaskEvents.Lifecycle.class::isInstance)
                .map(TaskEvents.Lifecycle.class::cast).filter(e -> e.phase().isTerminal()).toList();
        int last = ended.stream().mapToInt(HistoryEvent::attempt).max().orElse(-1);
        long sources = 0;
        long sinks = 0;
        long finalSources = 0;
        long finalSinks = 0;
        for (TaskEvents.Lifecycle e : ended) {
            long read = e.sourceRecords() == null ? 0 : e.sourceRecords();
            long written = e.sinkRecords() == null ? 0 : e.sinkRecords();
            sources += read;
            sinks += written;
            if (e.attempt() == last) {
                finalSources += read;
                finalSinks += written;
            }
        }
        int attempts = (int) ended.stream().mapToInt(HistoryEvent::attempt).distinct().count();
        return new RecordCounts(sources, sinks, attempts, finalSources, finalSinks);
    }
}
