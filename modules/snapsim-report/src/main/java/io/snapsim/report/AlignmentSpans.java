package io.snapsim.report;

import io.snapsim.core.history.Channels;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.TaskEvents;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Barrier alignment as spans on a task's lane, with the channels it blocked named: from
 * {@code alignment-started} to {@code alignment-completed} (outcome 0) or {@code alignment-aborted}
 * (1, with the reason), or to the task's last event when neither came (2: cut short by a failure).
 * Rows are {@code [lane, x0, x1, checkpoint, outcome, reason | null, blocked]}, where each blocked
 * channel is {@code [channel, senderLane | -1, xBlocked, xUnblocked | null, held | null]}. Stateless.
 */
final class AlignmentSpans {
    private record Key(int attempt, String task, long checkpoint) {
    }

    private AlignmentSpans() {
    }

    static List<Object> of(Positions positions, Lanes lanes, Channels wiring, StringTable strings) {
        Map<Key, Object[]> open = new HashMap<>();
        Map<Key, Map<Integer, Object[]>> blocked = new HashMap<>();
        Map<String, Double> lastX = new HashMap<>();
        List<Object[]> spans = new ArrayList<>();
        for (HistoryEvent e : positions.ordered()) {
            double x = Positions.round(positions.of(e));
            lastX.put(e.attempt() + " " + e.actor(), x);
            if (e instanceof TaskEvents.AlignmentStarted s) {
                Key key = new Key(e.attempt(), e.actor(), s.checkpoint());
                Object[] span = {lanes.of(e.actor()), x, null, s.checkpoint(), 2, null, new ArrayList<Object>()};
                open.put(key, span);
                blocked.put(key, new HashMap<>());
                spans.add(span);
            } else if (e instanceof TaskEvents.ChannelBlocked b) {
                block(open, blocked, new Key(e.attempt(), e.actor(), b.checkpoint()), b.channel(), x, lanes, wiring);
            } else if (e instanceof TaskEvents.ChannelUnblocked u) {
                Map<Integer, Object[]> channels = blocked.get(new Key(e.attempt(), e.actor(), u.checkpoint()));
                Object[] channel = channels == null ? null : channels.get(u.channel());
                if (channel != null) {
                    channel[3] = x;
                    channel[4] = u.held();
                }
            } else if (e instanceof TaskEvents.AlignmentCompleted c) {
                close(open.remove(new Key(e.attempt(), e.actor(), c.checkpoint())), x, 0, null);
            } else if (e instanceof TaskEvents.AlignmentAborted a) {
                close(open.remove(new Key(e.attempt(), e.actor(), a.checkpoint())), x, 1, strings.of(a.reason()));
            }
        }
        open.forEach((key, span) -> close(span, lastX.get(key.attempt() + " " + key.task()), 2, null));
        return spans.stream().<Object>map(Arrays::asList).toList();
    }

    @SuppressWarnings("unchecked")
    private static void block(Map<Key, Object[]> open, Map<Key, Map<Integer, Object[]>> blocked, Key key, int channel,
                              double x, Lanes lanes, Channels wiring) {
        Object[] span = open.get(key);
        if (span == null) {
            return; // a channel blocked outside an alignment the history shows: nothing to attach it to
        }
        TaskEvents.ChannelSender from = wiring.sender(key.attempt(), key.task(), channel).orElse(null);
        Object[] entry = {channel, from == null ? -1 : lanes.of(from.task()), x, null, null};
        blocked.get(key).put(channel, entry);
        ((List<Object>) span[6]).add(Arrays.asList(entry));
    }

    private static void close(Object[] span, double x, int outcome, Integer reason) {
        if (span != null) {
            span[2] = x;
            span[4] = outcome;
            span[5] = reason;
        }
    }
}
