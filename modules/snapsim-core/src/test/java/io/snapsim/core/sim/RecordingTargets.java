package io.snapsim.core.sim;

import io.snapsim.core.sim.Faults.CoordinatorPhase;
import io.snapsim.core.sim.Faults.StorageKind;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link FaultTargets} that write down what a fault asks for, one line per action, for a job of
 * fixed operators; an unknown operator or subtask fails with {@link IllegalArgumentException}.
 * The lines read like {@code crash counter#1 CrashPoint[atRecord=40, ...]}.
 */
final class RecordingTargets implements FaultTargets {

    final List<String> actions = new ArrayList<>();
    private final List<Operator> operators;

    /** A job of these operators, in deployment order. */
    RecordingTargets(Operator... operators) {
        this.operators = List.of(operators);
    }

    /** The word count job at parallelism 2: source, tokenizer, counter, sink. */
    static RecordingTargets wordCount() {
        return new RecordingTargets(new Operator("source", 2), new Operator("tokenizer", 2),
                new Operator("counter", 2), new Operator("sink", 2));
    }

    @Override
    public List<Operator> operators() {
        return operators;
    }

    @Override
    public int parallelismOf(String operator, String key) {
        return operators.stream().filter(o -> o.uid().equals(operator)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException((key == null ? "" : key + ": ") + "no operator " + operator))
                .parallelism();
    }

    @Override
    public void requireSubtask(String operator, int subtask) {
        if (subtask >= parallelismOf(operator, "operator")) {
            throw new IllegalArgumentException("subtask: no subtask " + subtask + " of " + operator);
        }
    }

    @Override
    public void crashTask(String operator, int subtask, CrashPoint at) {
        actions.add("crash " + operator + "#" + subtask + " " + at);
    }

    @Override
    public void failWrite(String operator, int subtask, long atCheckpoint) {
        actions.add("fail-write " + operator + "#" + subtask + " chk " + atCheckpoint);
    }

    @Override
    public void slowWrite(String operator, int subtask, long atCheckpoint, long delay) {
        actions.add("slow-write " + operator + "#" + subtask + " chk " + atCheckpoint + " +" + delay);
    }

    @Override
    public void failCommit(String operator, int subtask, long atCheckpoint) {
        actions.add("fail-commit " + operator + "#" + subtask + " chk " + atCheckpoint);
    }

    @Override
    public void disturbChannels(Faults.NetworkFault fault) {
        actions.add("channels " + fault);
    }

    @Override
    public void crashCoordinator(CoordinatorPhase phase, long atCheckpoint) {
        actions.add("coordinator " + phase + " chk " + atCheckpoint);
    }

    @Override
    public void damageCheckpoint(StorageKind kind, long atCheckpoint, String operator, Integer subtask) {
        actions.add("damage " + kind + " chk " + atCheckpoint + " " + operator + "#" + subtask);
    }

    @Override
    public void cancel(Faults.Cancel cancel) {
        actions.add("cancel " + cancel);
    }

    @Override
    public void savepoint(Faults.Savepoint savepoint) {
        actions.add("savepoint " + savepoint);
    }
}
