package io.snapsim.report;

import io.snapsim.core.history.Channels;
import io.snapsim.core.history.HistoryEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the timeline's script draws, drawn from the run's history alone: the lanes, every event as
 * a compact row ({@link EventTable}), barrier arrows, alignment spans, checkpoint spans, attempts
 * and task phases, all placed on one axis of milliseconds ({@link Positions}). Stateless.
 */
final class TimelineData {
    private TimelineData() {
    }

    /** The timeline's data for {@code history}, as the page embeds it. */
    static Map<String, Object> of(List<HistoryEvent> history) {
        Positions positions = new Positions(history);
        Lanes lanes = Lanes.of(history);
        Channels wiring = Channels.of(history);
        StringTable strings = new StringTable();
        EventTable events = new EventTable(strings);
        for (HistoryEvent e : positions.ordered()) {
            events.add(e, positions.of(e), lanes.of(e.actor()));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lanes", lanes.names());
        data.put("firstTask", Lanes.FIRST_TASK);
        List<HistoryEvent> ordered = positions.ordered();
        data.put("start", ordered.isEmpty() ? 0 : ordered.get(0).time());
        data.put("end", RunSpans.endOf(positions));
        data.put("kinds", events.kinds());
        data.put("events", events.rows());
        data.put("arrows", BarrierArrows.of(positions, lanes, wiring));
        data.put("alignments", AlignmentSpans.of(positions, lanes, wiring, strings));
        data.put("checkpoints", RunSpans.checkpoints(positions, strings));
        data.put("attempts", RunSpans.attempts(positions));
        data.put("phases", RunSpans.phases(positions, lanes, strings));
        data.put("strings", strings.strings());
        return data;
    }
}
