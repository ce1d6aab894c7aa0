package io.snapsim.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One checkpoint's cut through the job, gathered from its events: when each task took its snapshot
 * (the cut line), and for every channel the records its sender sent before the barrier, the
 * records its receiver took before the barrier, and the records held behind the barrier while the
 * channel was blocked. Positions are sequence numbers in the history (its order, which respects
 * cause and effect) with the event's time alongside. Filled by {@link CutData}; confined to it.
 */
final class CheckpointCut {
    /** One task's part: its snapshot, alignment, acknowledgement and failure, as sequence numbers. */
    static final class Task {
        Long snapshotSeq;
        Long snapshotTime;
        Long processed;
        Long alignStartSeq;
        Long alignEndSeq;
        Long alignStartTime;
        Long alignEndTime;
        Long ackSeq;
        Long failedSeq;
        Long failedTime;
        boolean hasInputs;
    }

    /** One channel's side of the cut. */
    static final class Channel {
        final String sender;
        final int output;
        String receiver;
        int input = -1;
        long sentSeq;
        long sentTime;
        long sent;
        long epoch;
        Long receivedSeq;
        Long receivedTime;
        Long received;
        Long blockedSeq;
        Long unblockedSeq;
        Long held;

        Channel(String sender, int output) {
            this.sender = sender;
            this.output = output;
        }

        /** Records sent before the barrier that the receiver had not taken before it; null when the barrier never arrived. */
        Long inFlight() {
            return received == null ? null : sent - received;
        }
    }

    final long id;
    final String kind;
    final int attempt;
    final long triggerSeq;
    final long triggerTime;
    String status = "unfinished";
    String reason;
    Long endSeq;
    Long endTime;
    final Map<String, Task> tasks = new LinkedHashMap<>();
    final List<Channel> channels = new ArrayList<>();
    private final Map<String, Channel> byOutput = new HashMap<>();
    private final Map<String, Channel> byInput = new HashMap<>();
    private Map<String, Long> takenBeforeBarriers;

    CheckpointCut(long id, String kind, int attempt, long triggerSeq, long triggerTime) {
        this.id = id;
        this.kind = kind;
        this.attempt = attempt;
        this.triggerSeq = triggerSeq;
        this.triggerTime = triggerTime;
    }

    Task task(String name) {
        return tasks.computeIfAbsent(name, n -> new Task());
    }

    /** A barrier sent on {@code sender}'s output {@code output}: that channel's side of the cut opens. */
    Channel sent(String sender, int output) {
        Channel c = new Channel(sender, output);
        channels.add(c);
        byOutput.put(sender + "\n" + output, c);
        return c;
    }

    /** The channel of {@code sender}'s output {@code output}, or null when no barrier was sent on it. */
    Channel outOf(String sender, int output) {
        return byOutput.get(sender + "\n" + output);
    }

    /** Joins the channel to its receiving end. */
    void receivedBy(Channel c, String receiver, int input) {
        c.receiver = receiver;
        c.input = input;
        byInput.put(receiver + "\n" + input, c);
    }

    /** The channel into {@code receiver}'s input {@code input}, or null. */
    Channel into(String receiver, int input) {
        return byInput.get(receiver + "\n" + input);
    }

    boolean completed() {
        return status.equals("completed");
    }

    /**
     * Records that arrived after their channel's barrier yet went into {@code task}'s snapshot: what
     * its head processed minus what its channels delivered before their barriers. Zero when aligned;
     * null for a task without inputs or without a snapshot.
     */
    Long overtaken(String task) {
        Task t = tasks.get(task);
        if (t == null || !t.hasInputs || t.processed == null) {
            return null;
        }
        if (takenBeforeBarriers == null) {
            takenBeforeBarriers = new HashMap<>();
            for (Channel c : channels) {
                Task receiver = c.receiver == null ? null : tasks.get(c.receiver);
                if (receiver != null && receiver.snapshotSeq != null && c.received != null
                        && c.receivedSeq < receiver.snapshotSeq) {
                    takenBeforeBarriers.merge(c.receiver, c.received, Long::sum);
                }
            }
        }
        long beforeBarriers = takenBeforeBarriers.getOrDefault(task, 0L);
        return Math.max(0, t.processed - beforeBarriers);
    }

    /** The page's form, lanes by index in {@code lanes} (tasks from 1; 0 is the coordinator). */
    Map<String, Object> toMap(Map<String, Integer> lanes, String explanation) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("kind", kind);
        m.put("attempt", attempt);
        m.put("status", status);
        m.put("reason", reason);
        m.put("trigger", List.of(triggerSeq, triggerTime));
        m.put("end", endSeq == null ? null : List.of(endSeq, endTime));
        List<Object> taskRows = new ArrayList<>();
        tasks.forEach((name, t) -> taskRows.add(Arrays.asList(lanes.getOrDefault(name, -1), t.snapshotSeq, t.snapshotTime,
                t.alignStartSeq, t.alignEndSeq, t.ackSeq, t.failedSeq, overtaken(name),
                t.alignStartTime == null || t.alignEndTime == null ? null : t.alignEndTime - t.alignStartTime)));
        m.put("tasks", taskRows);
        List<Object> channelRows = new ArrayList<>();
        for (Channel c : channels) {
            channelRows.add(Arrays.asList(lanes.getOrDefault(c.sender, -1), c.output, c.receiver == null ? -1 : lanes.getOrDefault(c.receiver, -1),
                    c.input, c.sentSeq, c.sentTime, c.sent, c.epoch, c.receivedSeq, c.receivedTime, c.received,
                    c.blockedSeq, c.unblockedSeq, c.held));
        }
        m.put("channels", channelRows);
        m.put("explanation", explanation);
        return m;
    }
}
