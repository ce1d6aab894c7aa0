package io.snapsim.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One checkpoint's cut in plain words, computed from its {@link CheckpointCut}: whether every task
 * took its snapshot, who waited longest in alignment and how many records the blocked channel held
 * for the next epoch, and whether any record crossed the cut (none can with aligned checkpoints
 * over FIFO channels; AT_LEAST_ONCE lets records that overtook a barrier into the snapshot).
 * Stateless.
 */
final class CutExplanation {
    private CutExplanation() {
    }

    /**
     * @param tasks   every task of the run, in lane order
     * @param aligned whether the run aligns barriers (EXACTLY_ONCE) rather than tracking them (AT_LEAST_ONCE)
     */
    static String of(CheckpointCut cut, List<String> tasks, boolean aligned) {
        List<String> sentences = new ArrayList<>();
        sentences.add(fate(cut, tasks));
        String sources = sources(cut);
        if (sources != null) {
            sentences.add(sources);
        }
        String wait = longestWait(cut, aligned);
        if (wait != null) {
            sentences.add(wait);
        }
        sentences.add(held(cut));
        sentences.add(inFlight(cut));
        String overtaken = overtaken(cut, tasks, aligned);
        if (overtaken != null) {
            sentences.add(overtaken);
        }
        sentences.add(verdict(cut, tasks, aligned));
        return String.join(" ", sentences.stream().filter(s -> !s.isEmpty()).toList());
    }

    private static String fate(CheckpointCut cut, List<String> tasks) {
        long snapshots = tasks.stream().filter(t -> cut.tasks.containsKey(t) && cut.tasks.get(t).snapshotSeq != null).count();
        String what = "Checkpoint " + cut.id + " (" + cut.kind + ", attempt " + cut.attempt + ")";
        if (cut.completed()) {
            return what + " completed at " + cut.endTime + " ms, " + (cut.endTime - cut.triggerTime)
                    + " ms after the coordinator triggered it: all " + tasks.size() + " tasks took their snapshot.";
        }
        List<String> missing = tasks.stream()
                .filter(t -> !cut.tasks.containsKey(t) || cut.tasks.get(t).snapshotSeq == null).toList();
        String state = cut.status.equals("failed") ? "failed (" + cut.reason + ")" : "never finished";
        return what + " " + state + ": " + snapshots + " of " + tasks.size() + " tasks took their snapshot; "
                + list(missing) + " did not"
                + failures(cut, missing) + ". The cut is incomplete, so the job can never restore it.";
    }

    private static String failures(CheckpointCut cut, List<String> missing) {
        List<String> failed = missing.stream()
                .filter(t -> cut.tasks.containsKey(t) && cut.tasks.get(t).failedTime != null)
                .map(t -> t + " at " + cut.tasks.get(t).failedTime + " ms").toList();
        return failed.isEmpty() ? "" : " (stopped first: " + list(failed) + ")";
    }

    private static String sources(CheckpointCut cut) {
        List<String> sources = cut.tasks.entrySet().stream()
                .filter(e -> !e.getValue().hasInputs && e.getValue().snapshotSeq != null).map(e -> e.getKey()).toList();
        if (sources.isEmpty()) {
            return null;
        }
        long channels = cut.channels.stream().filter(c -> sources.contains(c.sender)).count();
        return "The source " + (sources.size() == 1 ? "task " : "tasks ") + list(sources) + " took "
                + (sources.size() == 1 ? "its" : "their")
                + " snapshot (the read positions) when triggered and sent barrier " + cut.id + " on "
                + count(channels, "output channel") + ".";
    }

    /** The task that waited longest between its first and last barrier, with its blocked channels. */
    private static String longestWait(CheckpointCut cut, boolean aligned) {
        var longest = cut.tasks.entrySet().stream()
                .filter(e -> e.getValue().alignStartTime != null && e.getValue().alignEndTime != null)
                .max(Comparator.comparingLong(e -> e.getValue().alignEndTime - e.getValue().alignStartTime));
        if (longest.isEmpty()) {
            return null;
        }
        String task = longest.get().getKey();
        CheckpointCut.Task t = longest.get().getValue();
        List<CheckpointCut.Channel> into = cut.channels.stream()
                .filter(c -> task.equals(c.receiver) && c.receivedSeq != null)
                .sorted(Comparator.comparingLong(c -> c.receivedSeq)).toList();
        if (into.size() < 2) {
            return task + " has a single input channel: it took its snapshot as soon as barrier " + cut.id
                    + " arrived, with nothing to align.";
        }
        CheckpointCut.Channel first = into.get(0);
        CheckpointCut.Channel last = into.get(into.size() - 1);
        long held = into.stream().mapToLong(c -> c.held == null ? 0 : c.held).sum();
        return task + " got barrier " + cut.id + " first from " + first.sender + " at " + first.receivedTime
                + " ms and the last from " + last.sender + " at " + last.receivedTime + " ms: it waited "
                + (t.alignEndTime - t.alignStartTime) + " ms for barrier " + cut.id + " on its channel from "
                + last.sender + (!aligned ? "; not aligning, it went on taking records from the channels whose"
                + " barrier had come." : held == 0 ? "; no record arrived on its blocked channels meanwhile."
                : "; " + count(held, "record") + " arrived on its blocked channels meanwhile and wait for the next epoch.");
    }

    private static String held(CheckpointCut cut) {
        List<CheckpointCut.Channel> holding = cut.channels.stream().filter(c -> c.held != null && c.held > 0).toList();
        if (holding.isEmpty()) {
            return "";
        }
        long held = holding.stream().mapToLong(c -> c.held).sum();
        return "In all, " + number(held) + " records were held behind barrier " + cut.id + " on "
                + count(holding.size(), "blocked channel") + ": they were sent after their sender's snapshot and"
                + " are processed after their receiver's, so both sides count them in the next epoch.";
    }

    private static String inFlight(CheckpointCut cut) {
        List<CheckpointCut.Channel> arrived = cut.channels.stream().filter(c -> c.received != null).toList();
        if (arrived.isEmpty()) {
            return "No barrier of checkpoint " + cut.id + " reached a receiver.";
        }
        long sent = arrived.stream().mapToLong(c -> c.sent).sum();
        List<CheckpointCut.Channel> crossing = arrived.stream().filter(c -> c.inFlight() != 0).toList();
        if (crossing.isEmpty()) {
            return "On each of the " + count(arrived.size(), "channel") + " the barrier crossed, the receiver had taken"
                    + " exactly the records its sender sent before the barrier (" + number(sent) + " in all, in this"
                    + " attempt): no record was in flight across the cut. A channel delivers in order (FIFO) and the"
                    + " barrier follows every record sent before it, so an aligned checkpoint needs no channel state,"
                    + " where Chandy-Lamport's algorithm records the messages in flight.";
        }
        long missing = crossing.stream().mapToLong(CheckpointCut.Channel::inFlight).sum();
        CheckpointCut.Channel c = crossing.get(0);
        return "On " + count(crossing.size(), "channel") + " the receiver's count before the barrier differs from the"
                + " sender's (" + number(missing) + " records in all; from " + c.sender + " to " + c.receiver + ": "
                + number(c.sent) + " sent, " + number(c.received) + " received): records were lost or overtook the"
                + " barrier on a channel that is not FIFO, and the cut does not account for them.";
    }

    private static String overtaken(CheckpointCut cut, List<String> tasks, boolean aligned) {
        long total = 0;
        String example = null;
        for (String task : tasks) {
            Long n = cut.overtaken(task);
            if (n != null && n > 0) {
                total += n;
                example = example == null ? task + " took " + number(n) : example;
            }
        }
        if (total == 0) {
            return aligned ? null : "No record overtook a barrier this time, although AT_LEAST_ONCE does not block channels.";
        }
        return (aligned ? "" : "The job checkpoints AT_LEAST_ONCE: channels are not blocked, so ") + example
                + " records that overtook a barrier: they came on a channel after its barrier, yet before the task's"
                + " snapshot (" + number(total) + " in all). They are in the snapshot although their senders sent them"
                + " after their own, so a restore replays them: duplicates.";
    }

    private static String verdict(CheckpointCut cut, List<String> tasks, boolean aligned) {
        boolean clean = cut.channels.stream().allMatch(c -> c.received == null || c.inFlight() == 0)
                && tasks.stream().map(cut::overtaken).allMatch(n -> n == null || n == 0);
        if (!clean) {
            return "This cut is not consistent.";
        }
        return cut.completed()
                ? "The snapshot is consistent: every record the tasks' state counts was sent before its sender's"
                        + " snapshot, and none sent after it."
                : "What was taken is consistent, but without every task's snapshot it is not a checkpoint.";
    }

    private static String list(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "none" : items.get(0);
        }
        List<String> shown = items.size() > 4 ? items.subList(0, 3) : items;
        String head = String.join(", ", shown.subList(0, shown.size() - 1));
        String tail = items.size() > 4 ? shown.get(shown.size() - 1) + " and " + (items.size() - 3) + " more"
                : "and " + shown.get(shown.size() - 1);
        return items.size() > 4 ? head + ", " + tail : head + " " + tail;
    }

    private static String count(long n, String noun) {
        return number(n) + " " + noun + (n == 1 ? "" : "s");
    }

    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
