package io.snapsim.core.explain;

import io.snapsim.core.history.TaskPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One task of the current attempt as the history has told it so far: its phase, its channels and
 * where the last barrier cut each of them, what it is aligning, its last snapshot, its sink's open
 * transactions. Mutable; confined to the {@link JobView} that owns it.
 */
public final class TaskView {
    /** Where the last barrier cut one channel: after {@code records} records of the attempt. */
    public record Cut(long checkpoint, long records, long time) {
    }

    /** The task's last synchronous snapshot. */
    public record LastSnapshot(long checkpoint, long time, List<Long> records, Map<String, Long> sourcePositions) {
    }

    private final String name;
    private int attempt;
    private TaskPhase phase = TaskPhase.DEPLOYING;
    private List<String> inputs = List.of();
    private List<Integer> inputSenderOutputs = List.of();
    private final TreeMap<Integer, String> outputs = new TreeMap<>();
    private final SortedSet<Integer> blocked = new TreeSet<>();
    private final SortedSet<Integer> ended = new TreeSet<>();
    private final Map<Integer, Cut> inputCuts = new TreeMap<>();
    private final Map<Integer, Cut> outputCuts = new TreeMap<>();
    private final Map<Long, SortedSet<Integer>> barriersIn = new TreeMap<>();
    private Long aligning;
    private long aligningSince;
    private LastSnapshot lastSnapshot;
    private Long restoredFrom;
    private final Map<Long, String> pendingTransactions = new TreeMap<>();

    TaskView(String name, int attempt) {
        this.name = name;
        this.attempt = attempt;
    }

    public String name() {
        return name;
    }

    public int attempt() {
        return attempt;
    }

    public TaskPhase phase() {
        return phase;
    }

    /** The upstream task of each input channel, by channel number; empty before the wiring. */
    public List<String> inputs() {
        return inputs;
    }

    /**
     * The downstream task of each output channel, by channel number, as far as the downstream tasks'
     * wiring has named them ("?" for one not named yet).
     */
    public List<String> outputs() {
        int size = outputs.isEmpty() ? 0 : outputs.lastKey() + 1;
        List<String> named = new ArrayList<>();
        for (int c = 0; c < size; c++) {
            named.add(outputs.getOrDefault(c, "?"));
        }
        return named;
    }

    /** The index, at the sending task, of the output channel that is this task's input channel {@code channel}, or -1. */
    int senderOutput(int channel) {
        return channel < inputSenderOutputs.size() ? inputSenderOutputs.get(channel) : -1;
    }

    public SortedSet<Integer> blocked() {
        return new TreeSet<>(blocked);
    }

    public SortedSet<Integer> ended() {
        return new TreeSet<>(ended);
    }

    public Map<Integer, Cut> inputCuts() {
        return new TreeMap<>(inputCuts);
    }

    public Map<Integer, Cut> outputCuts() {
        return new TreeMap<>(outputCuts);
    }

    /** The checkpoint being aligned, or null. */
    public Long aligning() {
        return aligning;
    }

    public long aligningSince() {
        return aligningSince;
    }

    public LastSnapshot lastSnapshot() {
        return lastSnapshot;
    }

    /** The checkpoint this attempt of the task restored, or null. */
    public Long restoredFrom() {
        return restoredFrom;
    }

    /** Transactions the sink pre-committed and has not committed or aborted, by checkpoint. */
    public Map<Long, String> pendingTransactions() {
        return new TreeMap<>(pendingTransactions);
    }

    /** What input channel {@code channel} connects to: "its channel from source#0", or its number alone. */
    String inputName(int channel) {
        return "its " + inputChannel(channel);
    }

    /** "channel from source#0", or "input channel 3" before the wiring is known. */
    String inputChannel(int channel) {
        return channel < inputs.size() ? "channel from " + inputs.get(channel) : "input channel " + channel;
    }

    /** What output channel {@code channel} connects to: "its channel to sum#1", or its number alone. */
    String outputName(int channel) {
        String receiver = outputs.get(channel);
        return receiver != null ? "its channel to " + receiver : "its output channel " + channel;
    }

    /** The input channels still open: wired and not ended. */
    int openChannels() {
        return inputs.size() - ended.size();
    }

    /** The open input channels that have not yet delivered barrier {@code checkpoint}. */
    List<Integer> waitingFor(long checkpoint) {
        SortedSet<Integer> arrived = barriersIn.getOrDefault(checkpoint, new TreeSet<>());
        List<Integer> waiting = new ArrayList<>();
        for (int c = 0; c < inputs.size(); c++) {
            if (!arrived.contains(c) && !ended.contains(c)) {
                waiting.add(c);
            }
        }
        return waiting;
    }

    /** The upstream tasks of {@code channels}, "channel N" for one not wired. */
    List<String> upstreamOf(List<Integer> channels) {
        return channels.stream().map(c -> c < inputs.size() ? inputs.get(c) : "channel " + c).toList();
    }

    // ------------------------------------------------------------ changes, applied by JobView

    void newAttempt(int newAttempt) {
        attempt = newAttempt;
        phase = TaskPhase.DEPLOYING;
        blocked.clear();
        ended.clear();
        inputCuts.clear();
        outputCuts.clear();
        barriersIn.clear();
        aligning = null;
        lastSnapshot = null;
        restoredFrom = null;
        pendingTransactions.clear();
    }

    void phase(TaskPhase newPhase) {
        phase = newPhase;
    }

    void wired(List<String> senders, List<Integer> senderOutputs) {
        inputs = List.copyOf(senders);
        inputSenderOutputs = List.copyOf(senderOutputs);
    }

    void outputTo(int channel, String receiver) {
        outputs.put(channel, receiver);
    }

    void barrierIn(long checkpoint, int channel, long records, long time) {
        inputCuts.put(channel, new Cut(checkpoint, records, time));
        barriersIn.computeIfAbsent(checkpoint, c -> new TreeSet<>()).add(channel);
    }

    void barrierOut(long checkpoint, int channel, long records, long time) {
        outputCuts.put(channel, new Cut(checkpoint, records, time));
    }

    void alignmentStarted(long checkpoint, long time) {
        aligning = checkpoint;
        aligningSince = time;
    }

    void alignmentEnded() {
        aligning = null;
    }

    void blocked(int channel, boolean isBlocked) {
        if (isBlocked) {
            blocked.add(channel);
        } else {
            blocked.remove(channel);
        }
    }

    void ended(int channel) {
        ended.add(channel);
    }

    void snapshot(LastSnapshot snapshot) {
        lastSnapshot = snapshot;
        barriersIn.keySet().removeIf(c -> c <= snapshot.checkpoint());
    }

    void restored(long checkpoint) {
        restoredFrom = checkpoint;
    }

    void precommitted(long checkpoint, String transaction) {
        pendingTransactions.put(checkpoint, transaction);
    }

    void transactionEnded(String transaction) {
        pendingTransactions.values().removeIf(transaction::equals);
    }
}
