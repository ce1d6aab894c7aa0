package io.snapsim.core.history;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who sends on every input channel of every task, per attempt, as the history's {@code task-wired}
 * events record it: what turns "barrier 3 arrived on input channel 1 of {@code sum#0}" into "the
 * barrier {@code source#1} sent on its output channel 0". A history written before tasks recorded
 * their wiring has none, and then no channel has a known sender. Immutable once built.
 */
public final class Channels {
    private final Map<TaskInAttempt, List<TaskEvents.ChannelSender>> inputs;

    private Channels(Map<TaskInAttempt, List<TaskEvents.ChannelSender>> inputs) {
        this.inputs = Map.copyOf(inputs);
    }

    /** A task of one attempt. */
    private record TaskInAttempt(int attempt, String task) {
    }

    /** The wiring of every attempt among {@code history}. */
    public static Channels of(List<HistoryEvent> history) {
        Map<TaskInAttempt, List<TaskEvents.ChannelSender>> inputs = new HashMap<>();
        for (HistoryEvent event : history) {
            if (event instanceof TaskEvents.Wired w) {
                inputs.put(new TaskInAttempt(w.attempt(), w.actor()), w.inputs());
            }
        }
        return new Channels(inputs);
    }

    /** The sending end of input channel {@code channel} of {@code task} in {@code attempt}, if recorded. */
    public Optional<TaskEvents.ChannelSender> sender(int attempt, String task, int channel) {
        List<TaskEvents.ChannelSender> senders = inputs.get(new TaskInAttempt(attempt, task));
        return senders == null || channel < 0 || channel >= senders.size()
                ? Optional.empty() : Optional.of(senders.get(channel));
    }

    /** Whether {@code task} recorded its wiring in {@code attempt} and has no input channel: a source. */
    public boolean isSource(int attempt, String task) {
        List<TaskEvents.ChannelSender> senders = inputs.get(new TaskInAttempt(attempt, task));
        return senders != null && senders.isEmpty();
    }

    /** Whether the history recorded any task's wiring. */
    public boolean isEmpty() {
        return inputs.isEmpty();
    }
}
