package io.snapsim.core.history;

import java.util.List;

/**
 * How many records a run's sources read and its sinks wrote, over all its execution attempts
 * (replays after a restore included) and in its final attempt, drawn from the history's
 * {@link EventTypes#TASK_ENDED} events.
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
    public static final java.util.Set<String> EVENT_TYPES = java.util.Set.of(EventTypes.TASK_ENDED);

    /** The counts of the {@link EventTypes#TASK_ENDED} events among {@code history}. */
    public static RecordCounts of(List<HistoryEvent> history) {
        List<HistoryEvent> ended = history.stream().filter(e -> e.type().equals(EventTypes.TASK_ENDED)).toList();
        int last = ended.stream().mapToInt(HistoryEvent::attempt).max().orElse(-1);
        long sources = 0;
        long sinks = 0;
        long finalSources = 0;
        long finalSinks = 0;
        for (HistoryEvent e : ended) {
            long read = e.counts().getOrDefault(EventTypes.SOURCE_RECORDS, 0L);
            long written = e.counts().getOrDefault(EventTypes.SINK_RECORDS, 0L);
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
