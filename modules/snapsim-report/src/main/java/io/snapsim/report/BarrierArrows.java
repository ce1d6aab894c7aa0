package io.snapsim.report;

import io.snapsim.core.history.Channels;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.TaskEvents;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Barriers as arrows from sender to receiver: each {@code barrier-sent} joined to the
 * {@code barrier-received} at the other end of its channel (by attempt, checkpoint and the
 * channel's two ends, from {@link Channels}), with the records each side counted before the barrier.
 * A barrier that never arrived (its receiver failed first) is an arrow without an end. Rows are
 * {@code [x0, senderLane, x1 | null, receiverLane | null, checkpoint, sentRecords,
 * receivedRecords | null, attempt]}, ordered by {@code x0}. Stateless.
 */
final class BarrierArrows {
    private record Key(int attempt, String sender, int output, long checkpoint) {
    }

    private BarrierArrows() {
    }

    static List<Object> of(Positions positions, Lanes lanes, Channels wiring) {
        Map<Key, Object[]> pending = new LinkedHashMap<>();
        List<Object[]> arrows = new ArrayList<>();
        for (HistoryEvent e : positions.ordered()) {
            if (e instanceof TaskEvents.BarrierSent sent) {
                Channels.Receiver to = wiring.receiver(e.attempt(), e.actor(), sent.channel()).orElse(null);
                Object[] arrow = {Positions.round(positions.of(e)), lanes.of(e.actor()), null,
                        to == null ? null : lanes.of(to.task()), sent.checkpoint(), sent.records(), null, e.attempt()};
                pending.put(new Key(e.attempt(), e.actor(), sent.channel(), sent.checkpoint()), arrow);
                arrows.add(arrow);
            } else if (e instanceof TaskEvents.BarrierReceived received) {
                TaskEvents.ChannelSender from = wiring.sender(e.attempt(), e.actor(), received.channel()).orElse(null);
                Object[] arrow = from == null ? null
                        : pending.remove(new Key(e.attempt(), from.task(), from.output(), received.checkpoint()));
                if (arrow != null) {
                    arrow[2] = Positions.round(positions.of(e));
                    arrow[3] = lanes.of(e.actor());
                    arrow[6] = received.records();
                }
            }
        }
        return arrows.stream().<Object>map(Arrays::asList).toList();
    }
}
