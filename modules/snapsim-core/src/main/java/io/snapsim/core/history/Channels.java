package io.snapsim.core.history;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who sends on every input channel of every task, per attempt, as the history's {@code task-wired}
 * events record it: what turns "barrier 3 arrived on input channel 1 of {@code sum#0}" into "the
 * barrier {@code source#1} sent on its output channel 0", and back from an output channel to the
 * task and input channel it feeds. A history written before tasks recorded their wiring has none,
 * and then no channel has a known end. Immutable once built.
 */
public final class Channels {
    private final Map<TaskInAttempt, List<TaskEvents.ChannelSender>> inputs;
    private final Map<OutputOf, Receiver> receivers;

    private Channels(Map<TaskInAttempt, List<TaskEvents.ChannelSender>> inputs, Map<OutputOf, Receiver> receivers) {
        this.inputs = Map.copyOf(inputs);
        this.receivers = Map.copyOf(receivers);
    }

    /** The receiving end of an output channel: the downstream task and the index of its input channel. */
    public record Receiver(String task, int input) {
    }

    /** A task of one attempt. */
    private record TaskInAttempt(int attempt, String task) {
    }

    /** An output channel of a task of one attempt. */
    private record OutputOf(int attempt, String task, int output) {
    }

    /** The wiring of every attempt among {@code history}. */
    public static Channels of(List<HistoryEvent> history) {
        Map<TaskInAttempt, List<TaskEvents.ChannelSender>> inputs = new HashMap<>();
        Map<OutputOf, Receiver> receivers = new HashMap<>();
        for (HistoryEvent event : history) {
            if (event instanceof TaskEvents.Wired w) {
                inputs.put(new TaskInAttempt(w.attempt(), w.actor()), w.inputs());
                for (int input = 0; input < w.inputs().size(); input++) {
                    TaskEvents.ChannelSender sender = w.inputs().get(input);
                    receivers.put(new OutputOf(w.attempt(), sender.task(), sender.output()), new Receiver(w.actor(), input));
                }
            }
        }
        return new Channels(inputs, receivers);
    }

    /** The sending end of input channel {@code channel} of {@code task} in {@code attempt}, if recorded. */
    public Optional<TaskEvents.ChannelSender> sender(int attempt, String task, int channel) {
        List<TaskEvents.ChannelSender> senders = inputs.get(new TaskInAttempt(attempt, task));
        return senders == null || channel < 0 || channel >= senders.size()
                ? Optional.empty() : Optional.of(senders.get(channel));
    }

    /** The receiving end of output channel {@code output} of {@code task} in {@code attempt}, if recorded. */
    public Optional<Receiver> receiver(int attempt, String task, int output) {
        return Optional.ofNullable(receivers.get(new OutputOf(attempt, task, output)));
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
