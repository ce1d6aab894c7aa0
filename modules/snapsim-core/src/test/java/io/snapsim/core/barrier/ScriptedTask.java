package io.snapsim.core.barrier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.BiFunction;

/**
 * A test stand-in for a task: one FIFO queue per input channel in front of a {@link BarrierHandler}.
 * An element fed to a blocked channel (or behind queued ones) waits in its queue; otherwise a record
 * is processed (appended to the output log) and an event goes to the handler. After every handler
 * call, the queues of unblocked channels are drained in channel order until nothing can move.
 *
 * <p>The output log holds processed records ({@code "d(ch,seq)"}) and the controller calls
 * ({@code "alignStart n"}, {@code "trigger n"}, {@code "abort n REASON"}), in order.
 */
final class ScriptedTask implements CheckpointController {

    private final BarrierHandler handler;
    private final List<Deque<Element>> queues = new ArrayList<>();
    private final List<List<Integer>> processed = new ArrayList<>();
    private final List<String> output = new ArrayList<>();
    private int outputTaken;
    private final List<Long> triggered = new ArrayList<>();
    private final Map<Long, Long> triggerTimestamps = new LinkedHashMap<>();
    private final List<Long> aborted = new ArrayList<>();
    private final Map<Long, List<List<Integer>>> processedAtTrigger = new LinkedHashMap<>();

    private ScriptedTask(int channels, BiFunction<Integer, CheckpointController, BarrierHandler> factory) {
        for (int channel = 0; channel < channels; channel++) {
            queues.add(new ArrayDeque<>());
            processed.add(new ArrayList<>());
        }
        this.handler = factory.apply(channels, this);
    }

    static ScriptedTask aligned(int channels) {
        return new ScriptedTask(channels, BarrierHandlers::aligned);
    }

    static ScriptedTask atLeastOnce(int channels) {
        return new ScriptedTask(channels, BarrierHandlers::atLeastOnce);
    }

    /** Delivers each element to its channel in turn, as the network would. */
    ScriptedTask feed(Element... elements) {
        for (Element element : elements) {
            feed(element);
        }
        return this;
    }

    ScriptedTask feed(Element element) {
        Deque<Element> queue = queues.get(element.channel());
        if (handler.isBlocked(element.channel()) || !queue.isEmpty()) {
            queue.addLast(element);
        } else {
            deliver(element);
        }
        drainUnblocked();
        return this;
    }

    /** The coordinator's abort notification reaches the task. */
    ScriptedTask coordinatorAborts(long checkpointId) {
        handler.abortCheckpoint(checkpointId);
        drainUnblocked();
        return this;
    }

    BarrierHandler handler() {
        return handler;
    }

    SortedSet<Integer> blocked() {
        return handler.blockedChannels();
    }

    /** The whole output log so far. */
    List<String> output() {
        return List.copyOf(output);
    }

    /** The output log entries added since the previous call. */
    List<String> newOutput() {
        List<String> fresh = List.copyOf(output.subList(outputTaken, output.size()));
        outputTaken = output.size();
        return fresh;
    }

    List<Long> triggered() {
        return List.copyOf(triggered);
    }

    List<Long> aborted() {
        return List.copyOf(aborted);
    }

    long triggerTimestamp(long checkpointId) {
        return triggerTimestamps.get(checkpointId);
    }

    /** Per channel, the sequence numbers of the records processed before {@code checkpointId} triggered. */
    List<List<Integer>> processedAtTrigger(long checkpointId) {
        return processedAtTrigger.get(checkpointId);
    }

    /** Per channel, the sequence numbers of all records processed so far. */
    List<List<Integer>> processed() {
        return copy(processed);
    }

    int queuedElements() {
        return queues.stream().mapToInt(Deque::size).sum();
    }

    @Override
    public void alignmentStarted(long checkpointId) {
        output.add("alignStart " + checkpointId);
    }

    @Override
    public void triggerCheckpoint(long checkpointId, long timestamp) {
        output.add("trigger " + checkpointId);
        triggered.add(checkpointId);
        triggerTimestamps.put(checkpointId, timestamp);
        processedAtTrigger.put(checkpointId, copy(processed));
    }

    @Override
    public void abortCheckpoint(long checkpointId, AbortReason reason) {
        output.add("abort " + checkpointId + " " + reason);
        aborted.add(checkpointId);
    }

    private void deliver(Element element) {
        if (element instanceof Element.Data data) {
            output.add(data.toString());
            processed.get(data.channel()).add(data.seq());
        } else if (element instanceof Element.Barrier barrier) {
            handler.processBarrier(barrier.channel(), barrier.checkpointId(),
                    Element.timestampOf(barrier.checkpointId()));
        } else if (element instanceof Element.Cancel cancel) {
            handler.processCancellationMarker(cancel.channel(), cancel.checkpointId());
        } else if (element instanceof Element.EndOfPartition end) {
            handler.processEndOfPartition(end.channel());
        }
    }

    private void drainUnblocked() {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (int channel = 0; channel < queues.size(); channel++) {
                Deque<Element> queue = queues.get(channel);
                while (!queue.isEmpty() && !handler.isBlocked(channel)) {
                    deliver(queue.pollFirst());
                    moved = true;
                }
            }
        }
    }

    private static List<List<Integer>> copy(List<List<Integer>> lists) {
        List<List<Integer>> copy = new ArrayList<>();
        for (List<Integer> list : lists) {
            copy.add(List.copyOf(list));
        }
        return List.copyOf(copy);
    }
}
