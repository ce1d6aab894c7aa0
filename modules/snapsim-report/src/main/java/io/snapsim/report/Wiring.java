package io.snapsim.report;

import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.TaskEvents;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Both ends of every channel of every attempt, from the {@code task-wired} events: which task
 * and output channel feed a task's input channel, and the other way round. Empty for a history
 * written before that event existed: barriers then cannot be joined. Immutable once built.
 */
final class Wiring {
    /** One end of a channel: a task and the channel's index there (an output at a sender, an input at a receiver). */
    record End(String task, int channel) {
    }

    private record Key(int attempt, String task, int channel) {
    }

    private final Map<Key, End> senderOfInput = new HashMap<>();
    private final Map<Key, End> receiverOfOutput = new HashMap<>();

    Wiring(List<HistoryEvent> history) {
        for (HistoryEvent e : history) {
            if (e instanceof TaskEvents.Wired wired) {
                for (int i = 0; i < wired.inputs().size(); i++) {
                    TaskEvents.ChannelSender s = wired.inputs().get(i);
                    senderOfInput.put(new Key(e.attempt(), e.actor(), i), new End(s.task(), s.output()));
                    receiverOfOutput.put(new Key(e.attempt(), s.task(), s.output()), new End(e.actor(), i));
                }
            }
        }
    }

    /** The sending end of input channel {@code channel} of {@code task} in {@code attempt}, or null when unknown. */
    End sender(int attempt, String task, int channel) {
        return senderOfInput.get(new Key(attempt, task, channel));
    }

    /** The receiving end of output channel {@code channel} of {@code task} in {@code attempt}, or null when unknown. */
    End receiver(int attempt, String task, int channel) {
        return receiverOfOutput.get(new Key(attempt, task, channel));
    }
}
